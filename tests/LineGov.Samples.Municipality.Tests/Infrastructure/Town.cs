using LineGov.Eligibility;
using LineGov.Jpki;
using LineGov.Messaging.Testing;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>An application the tests make: who, through which channel, as which LINE user.</summary>
/// <param name="Id">The test's own name for it (no personal data).</param>
/// <param name="Resident">The applicant.</param>
/// <param name="Line">True: through LINE (the LIFF flow); false: at the counter.</param>
/// <param name="LineUserId">The applicant's LINE user (LINE applications only).</param>
public sealed record PlannedApplication(string Id, SimulatedResident Resident, bool Line, string LineUserId)
{
    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>Picks households and applicants from the generated town the simulator plays.</summary>
public static class Town
{
    /// <summary>
    /// <paramref name="households"/> households apply once each, and <paramref name="duplicates"/> more applications
    /// come from households that already apply — another member when there is one, often through the other channel —
    /// shuffled; <paramref name="lineShare"/> of the first applications come through LINE. Each LINE applicant has their own LINE user.
    /// </summary>
    /// <param name="simulator">The host's simulator.</param>
    /// <param name="households">Households that apply.</param>
    /// <param name="duplicates">Further applications from those households.</param>
    /// <param name="lineShare">The share of LINE among the first applications.</param>
    /// <param name="seed">The plan's seed.</param>
    /// <param name="atCounter">Whether a resident can apply at the counter (staff need their register entry); otherwise they use LINE.</param>
    public static IReadOnlyList<PlannedApplication> Plan(MunicipalitySimulator simulator, int households, int duplicates, double lineShare, int seed, Func<string, bool> atCounter)
    {
        var random = new Random(seed);
        var all = simulator.Residents.GroupBy(r => r.HouseholdId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        all.Length.ShouldBeGreaterThanOrEqualTo(households, "the simulator must list the residents of the whole town (Simulator.Residents)");
        random.Shuffle(all);
        var applying = all.Take(households).ToArray();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var usedUsers = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<(string ResidentId, bool Line)>();
        var plan = new List<PlannedApplication>(households + duplicates);
        foreach (var members in applying)
        {
            var resident = members[random.Next(members.Length)];
            Add(resident, random.NextDouble() < lineShare);
        }

        var added = 0;
        for (var attempts = 0; added < duplicates; attempts++)
        {
            attempts.ShouldBeLessThan(duplicates * 20, "not enough households to plan the duplicates");
            var members = applying[random.Next(applying.Length)];
            var others = members.Where(m => !used.Contains((m.ResidentId, true)) && !used.Contains((m.ResidentId, false))).ToArray();
            var resident = others.Length > 0 ? others[random.Next(others.Length)] : members[random.Next(members.Length)];
            var line = random.Next(2) == 0;
            if (used.Contains((resident.ResidentId, line)))
            {
                line = !line;
            }

            if (!used.Contains((resident.ResidentId, line || !atCounter(resident.ResidentId))))
            {
                Add(resident, line);
                added++;
            }
        }

        var shuffled = plan.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled.Select((a, i) => a with { Id = $"A{i + 1:D4}" })];

        void Add(SimulatedResident resident, bool line)
        {
            line |= !atCounter(resident.ResidentId);
            used.Add((resident.ResidentId, line));
            plan.Add(new PlannedApplication(string.Empty, resident, line, line ? UserOf(resident) : string.Empty));
        }

        string UserOf(SimulatedResident resident)
        {
            if (!users.TryGetValue(resident.ResidentId, out var user))
            {
                user = resident.LineUserId is { Length: 33 } suggested && suggested[0] == 'U' && usedUsers.Add(suggested)
                    ? suggested
                    : NewUser();
                users[resident.ResidentId] = user;
            }

            return user;
        }

        string NewUser()
        {
            for (var i = 9_000_000 + usedUsers.Count; ; i++)
            {
                var candidate = LineEmulatorUser.UserIdFor(i);
                if (usedUsers.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    /// <summary>
    /// Ordinary residents for the tests that need a plain "received": members of households of two or more, in the
    /// simulator's order (the town's deliberate review cases — alternate characters, namesakes, a newcomer — live alone).
    /// </summary>
    public static IReadOnlyList<SimulatedResident[]> Families(this MunicipalitySimulator simulator) =>
        [.. simulator.Residents.GroupBy(r => r.HouseholdId, StringComparer.Ordinal).Where(g => g.Count() >= 2).Select(g => g.ToArray())];

    /// <summary>The first member of the <paramref name="index"/>-th family: a resident whose application is received.</summary>
    public static SimulatedResident Ordinary(this MunicipalitySimulator simulator, int index = 0) => simulator.Families()[index][0];

    /// <summary>What staff read from the resident's My Number Card at the counter: the four facts as registered.</summary>
    public static CounterApplication CounterFacts(this ResidentRegister register, string residentId)
    {
        var resident = register.Find(residentId) ?? throw new InvalidOperationException("A simulated resident is not in the host's register.");
        var name = resident.Name.Split([' ', '\u3000'], 2, StringSplitOptions.RemoveEmptyEntries);
        return new CounterApplication(
            name[0],
            name.Length > 1 ? name[1] : string.Empty,
            resident.DateOfBirth,
            resident.Gender == JpkiGender.Female ? "female" : "male",
            resident.Address);
    }

    /// <summary>The given name (名), to check that staff lists mask it.</summary>
    public static string GivenNameOf(this ResidentRegister register, string residentId) => register.CounterFacts(residentId).GivenName;
}
