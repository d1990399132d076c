using LineGov.Jpki;

namespace LineGov.Eligibility.Tests;

/// <summary>Fictitious residents, their JPKI identities, and a residency check that needs no address data.</summary>
internal static class ProgramTestKit
{
    public const string Prefecture = "北海道";
    public const string Tohma = "上川郡当麻町";
    public const string TohmaAddress = "北海道上川郡当麻町";

    /// <summary>The shipped example programs (samples/programs), found from the test's output folder up to the repository.</summary>
    public static string SampleProgram(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "programs", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/programs not found above the test output folder.", fileName);
    }

    public static async Task<BenefitProgram> LoadSampleAsync(string fileName)
    {
        await using var stream = File.OpenRead(SampleProgram(fileName));
        return await BenefitProgramJson.ReadAsync(stream);
    }

    /// <summary>
    /// Stands in for the address normalizer (which resolves nothing until the address part is merged): addresses that
    /// start with a known municipality resolve to it, everything else to nothing.
    /// </summary>
    public static NormalizedAddress Normalize(string address)
    {
        foreach (var municipality in new[] { Tohma, "旭川市", "上川郡東川町" })
        {
            var prefix = Prefecture + municipality;
            if (address.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new NormalizedAddress(Prefecture, municipality, null, address[prefix.Length..], AddressResolutionLevel.Municipality);
            }
        }

        return address.StartsWith(Prefecture, StringComparison.Ordinal)
            ? new NormalizedAddress(Prefecture, null, null, address[Prefecture.Length..], AddressResolutionLevel.Prefecture)
            : new NormalizedAddress(null, null, null, address, AddressResolutionLevel.None);
    }

    public static EligibilityEvaluationOptions Options(IssuedKeys? issuedKeys = null) => new()
    {
        ResidencyCheck = new AddressResidencyCheck(Normalize),
        IssuedKeys = issuedKeys,
    };

    public static Resident Resident(
        string id,
        string household,
        string name,
        DateOnly born,
        JpkiGender gender = JpkiGender.Female,
        string? address = null,
        bool head = false,
        DateOnly? became = null,
        DateOnly? removed = null) =>
        new(id, household, name, born, gender, address ?? TohmaAddress + "宇園別1区100番地", isHeadOfHousehold: head, becameResidentOn: became, removedOn: removed);

    /// <summary>What JPKI would prove about a resident: the name with the ideographic space J-LIS puts between family and given name.</summary>
    public static JpkiFourFacts IdentityOf(Resident resident, string nameFlags = "") =>
        new(
            new JpkiName(resident.Name.Replace(' ', JpkiName.Separator), nameFlags),
            JpkiDateOfBirth.FromDate(resident.DateOfBirth),
            resident.Gender,
            new JpkiAddress(resident.Address));

    public static JpkiFourFacts Identity(string name, DateOnly born, JpkiGender gender = JpkiGender.Female, string address = TohmaAddress + "宇園別1区100番地") =>
        new(new JpkiName(name.Replace(' ', JpkiName.Separator)), JpkiDateOfBirth.FromDate(born), gender, new JpkiAddress(address));
}
