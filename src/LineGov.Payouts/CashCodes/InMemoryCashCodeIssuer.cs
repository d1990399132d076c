namespace LineGov.Payouts.CashCodes;

/// <summary>Options of <see cref="InMemoryCashCodeIssuer"/>.</summary>
public sealed class InMemoryCashCodeIssuerOptions
{
    /// <summary>Digits per code, check digit included: <see cref="CashCode.MinimumDigits"/> to <see cref="CashCode.MaximumDigits"/> (the default).</summary>
    public int Digits { get; set; } = CashCode.MaximumDigits;

    /// <summary>How long a code works when the issuer names no expiry. Default 30 days.</summary>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// The reference <see cref="ICashCodeIssuer"/>: codes drawn from <c>RandomNumberGenerator</c> with a Damm check digit,
/// kept in process memory, thread-safe, idempotent by issue key, expiry from a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// For tests, samples and a counter that pays cash itself. It keeps codes in memory (to answer an idempotent re-issue
/// with the same code) and forgets everything when the process stops; a production issuer sits in front of an ATM
/// network that keeps the codes.
/// </remarks>
public sealed class InMemoryCashCodeIssuer : ICashCodeIssuer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CashVoucher> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CashCode> _codeById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByIssueKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CashCode, string> _idByCode = [];
    private readonly TimeProvider _time;
    private readonly int _digits;
    private readonly TimeSpan _validity;

    /// <summary>Creates the issuer.</summary>
    /// <param name="options">Digits per code and the default validity; defaults when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public InMemoryCashCodeIssuer(InMemoryCashCodeIssuerOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new InMemoryCashCodeIssuerOptions();
        if (options.Digits is < CashCode.MinimumDigits or > CashCode.MaximumDigits)
        {
            throw new ArgumentException($"Digits must be {CashCode.MinimumDigits} to {CashCode.MaximumDigits}.", nameof(options));
        }

        if (options.ValidityPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("ValidityPeriod must be positive.", nameof(options));
        }

        _digits = options.Digits;
        _validity = options.ValidityPeriod;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ValueTask<CashCodeIssueResult> IssueAsync(
        string programId,
        string beneficiaryId,
        long amount,
        string issueKey,
        DateTimeOffset? expiresAt = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(programId);
        ArgumentException.ThrowIfNullOrEmpty(beneficiaryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrEmpty(issueKey);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var expiry = expiresAt ?? now + _validity;
        if (expiry <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A cash code must expire after it is issued.");
        }

        lock (_gate)
        {
            if (_idByIssueKey.TryGetValue(issueKey, out var existingId))
            {
                var existing = _byId[existingId];
                if (existing.ProgramId != programId || existing.BeneficiaryId != beneficiaryId || existing.Amount != amount)
                {
                    throw new InvalidOperationException(
                        $"The issue key already belongs to cash voucher {existing.Id}, issued for another program, beneficiary or amount.");
                }

                return ValueTask.FromResult(new CashCodeIssueResult(existing, _codeById[existingId], created: false));
            }

            CashCode code;
            do
            {
                // A collision among live codes is unlikely but possible with 11 random digits; draw again.
                code = CashCode.Generate(_digits);
            }
            while (_idByCode.ContainsKey(code));

            var voucher = new CashVoucher("csh_" + Guid.CreateVersion7(now).ToString("N"), issueKey, programId, beneficiaryId, amount, now, expiry, CashCodeState.Active);
            _byId.Add(voucher.Id, voucher);
            _codeById.Add(voucher.Id, code);
            _idByIssueKey.Add(issueKey, voucher.Id);
            _idByCode.Add(code, voucher.Id);
            return ValueTask.FromResult(new CashCodeIssueResult(voucher, code, created: true));
        }
    }

    /// <inheritdoc />
    public ValueTask<CashVoucher?> FindAsync(CashCode code, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_idByCode.TryGetValue(code, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<CashVoucher?> FindByIdAsync(string voucherId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(voucherId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(voucherId));
        }
    }

    /// <inheritdoc />
    public ValueTask<CashCodeRedemption> RedeemAsync(CashCode code, string redeemerId, CancellationToken cancellationToken = default)
    {
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CashCode).", nameof(code));
        }

        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_idByCode.TryGetValue(code, out var id))
            {
                return ValueTask.FromResult(new CashCodeRedemption(CashCodeRedeemOutcome.NotFound, null));
            }

            var voucher = _byId[id];
            var outcome = voucher.StateAt(now) switch
            {
                CashCodeState.Active => CashCodeRedeemOutcome.Redeemed,
                CashCodeState.Redeemed => CashCodeRedeemOutcome.AlreadyRedeemed,
                CashCodeState.Voided => CashCodeRedeemOutcome.Voided,
                _ => CashCodeRedeemOutcome.Expired,
            };
            if (outcome == CashCodeRedeemOutcome.Redeemed)
            {
                voucher = voucher.With(CashCodeState.Redeemed, now, redeemerId, voucher.VoidedAt);
                _byId[id] = voucher;
            }

            return ValueTask.FromResult(new CashCodeRedemption(outcome, voucher));
        }
    }

    /// <inheritdoc />
    public ValueTask<CashCodeVoidResult> VoidAsync(string voucherId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(voucherId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_byId.TryGetValue(voucherId, out var voucher))
            {
                return ValueTask.FromResult(new CashCodeVoidResult(CashCodeVoidOutcome.NotFound, null));
            }

            switch (voucher.State)
            {
                case CashCodeState.Redeemed:
                    return ValueTask.FromResult(new CashCodeVoidResult(CashCodeVoidOutcome.AlreadyRedeemed, voucher));
                case CashCodeState.Voided:
                    return ValueTask.FromResult(new CashCodeVoidResult(CashCodeVoidOutcome.AlreadyVoided, voucher));
                default:
                    voucher = voucher.With(CashCodeState.Voided, voucher.RedeemedAt, voucher.RedeemedBy, now);
                    _byId[voucherId] = voucher;
                    return ValueTask.FromResult(new CashCodeVoidResult(CashCodeVoidOutcome.Voided, voucher));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var due = _byId.Values.Where(v => v.State == CashCodeState.Active && v.ExpiresAt <= now).ToList();
            foreach (var voucher in due)
            {
                _byId[voucher.Id] = voucher.With(CashCodeState.Expired, null, null, null);
            }

            return ValueTask.FromResult(due.Count);
        }
    }
}
