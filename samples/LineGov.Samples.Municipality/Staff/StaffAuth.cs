using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>The staff logins: the cookie scheme, the roles and the password check.</summary>
internal sealed class StaffAuth
{
    /// <summary>The cookie authentication scheme of the staff side (named, not the default: the resident side stays anonymous).</summary>
    public const string Scheme = "LineGovStaff";

    /// <summary>Policy: any staff member (role reviewer).</summary>
    public const string ReviewerPolicy = "staff-reviewer";

    /// <summary>Policy: approvers only.</summary>
    public const string ApproverPolicy = "staff-approver";

    public const string ReviewerRole = "reviewer";
    public const string ApproverRole = "approver";

    private readonly IReadOnlyList<StaffUser> _users;

    public StaffAuth(MunicipalityOptions options)
    {
        if (options.Staff.Users.Count > 0)
        {
            _users = options.Staff.Users;
        }
        else if (options.Line.IsEmulator && options.Jpki.IsTestAuthority)
        {
            _users = DefaultUsers();
        }
        else
        {
            // The demo passwords are published in the README: never let them guard real residents' data.
            throw new InvalidOperationException("Municipality:Staff:Users must list the staff logins when LINE or JPKI is real: the demo logins exist only in the all-simulated configuration.");
        }
    }

    /// <summary>The demo users used when <c>Municipality:Staff:Users</c> is empty.</summary>
    public static List<StaffUser> DefaultUsers() =>
    [
        new StaffUser { Id = "reviewer", Password = "reviewer-pass", Roles = [ReviewerRole] },
        new StaffUser { Id = "approver", Password = "approver-pass", Roles = [ReviewerRole, ApproverRole] },
    ];

    /// <summary>The principal for a correct id and password; null otherwise. The password comparison takes the same time whatever the input.</summary>
    public ClaimsPrincipal? SignIn(string? id, string? password)
    {
        var offered = Digest(password ?? string.Empty);
        StaffUser? match = null;

        // Every user is compared, with fixed-time comparisons of equal-length digests, so neither the id nor the
        // password shows in the response time.
        foreach (var user in _users)
        {
            var idMatches = CryptographicOperations.FixedTimeEquals(Digest(user.Id), Digest(id ?? string.Empty));
            var passwordMatches = CryptographicOperations.FixedTimeEquals(Digest(user.Password), offered);
            if (idMatches & passwordMatches & user.Password.Length > 0)
            {
                match = user;
            }
        }

        if (match is null)
        {
            return null;
        }

        List<Claim> claims = [new(ClaimTypes.Name, match.Id), new(ClaimTypes.NameIdentifier, match.Id)];
        claims.AddRange(match.Roles.Select(role => new Claim(ClaimTypes.Role, role.Trim().ToLowerInvariant())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
