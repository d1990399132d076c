using System.Data.Common;

namespace LineGov.Payouts.Coupons;

/// <summary>The <c>coupons</c> row as both SQL stores write and read it (instants as UTC ticks, the state as text).</summary>
internal static class CouponRows
{
    public const string Columns =
        "id, issue_key, program_id, beneficiary_id, face_value, issued_at, expires_at, state, code_hash, protected_code, redeemed_at, redeemed_by, voided_at";

    /// <summary>Inserts a coupon unless its issue key exists; a clash on id or code hash still raises, as it must.</summary>
    public const string InsertSql = $"""
        INSERT INTO coupons ({Columns})
        VALUES (@id, @issue_key, @program_id, @beneficiary_id, @face_value, @issued_at, @expires_at, @state,
                @code_hash, @protected_code, @redeemed_at, @redeemed_by, @voided_at)
        ON CONFLICT (issue_key) DO NOTHING
        """;

    public static void BindInsert(DbCommand command, Coupon coupon)
    {
        Add(command, "id", coupon.Id);
        Add(command, "issue_key", coupon.IssueKey);
        Add(command, "program_id", coupon.ProgramId);
        Add(command, "beneficiary_id", coupon.BeneficiaryId);
        Add(command, "face_value", coupon.FaceValue);
        Add(command, "issued_at", coupon.IssuedAt.UtcTicks);
        Add(command, "expires_at", coupon.ExpiresAt.UtcTicks);
        Add(command, "state", CouponStates.ToText(coupon.State));
        Add(command, "code_hash", coupon.CodeHash);
        Add(command, "protected_code", coupon.ProtectedCode.ToArray());
        Add(command, "redeemed_at", coupon.RedeemedAt?.UtcTicks);
        Add(command, "redeemed_by", coupon.RedeemedBy);
        Add(command, "voided_at", coupon.VoidedAt?.UtcTicks);
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static Coupon Read(DbDataReader reader) => new(
        id: reader.GetString(0),
        issueKey: reader.GetString(1),
        programId: reader.GetString(2),
        beneficiaryId: reader.GetString(3),
        faceValue: reader.GetInt64(4),
        issuedAt: Instant(reader.GetInt64(5)),
        expiresAt: Instant(reader.GetInt64(6)),
        state: CouponStates.Parse(reader.GetString(7)),
        codeHash: reader.GetString(8),
        protectedCode: (byte[])reader.GetValue(9),
        redeemedAt: reader.IsDBNull(10) ? null : Instant(reader.GetInt64(10)),
        redeemedBy: reader.IsDBNull(11) ? null : reader.GetString(11),
        voidedAt: reader.IsDBNull(12) ? null : Instant(reader.GetInt64(12)));

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
