using System.Security.Cryptography;
using System.Text;
using LineGov.Eligibility;
using LineGov.Jpki;
using LineGov.Messaging;
using LineGov.Payouts;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>A signed application as the LIFF page posts it (<c>POST /api/applications</c>).</summary>
internal sealed record SignedApplicationBody(string? IdToken, string? ChallengeId, string? Signature, string? Certificate, string? Format, string? Payload);

/// <summary>A failure the API answers with 400: the message is for the resident and never holds personal data.</summary>
internal sealed class ApplicationRejectedException : Exception
{
    public ApplicationRejectedException()
        : base("申請を処理できませんでした。")
    {
    }

    public ApplicationRejectedException(string message)
        : base(message)
    {
    }

    public ApplicationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The core flow: the LIFF ID token, the JPKI challenge and signed application (signature, chain to the test authority,
/// revocation over loopback OCSP/CRL), the four facts matched against the register as of the reference date, the program
/// evaluated and the household claimed in the ledger — answered at once, on the page and on LINE. Counter applications go
/// through the same claim; staff review and approval go through the ledger.
/// </summary>
internal sealed class ApplicationService(
    BenefitProgram program,
    GeneratedTown town,
    PayoutLedger ledger,
    ApplicationStore store,
    JpkiSetup jpki,
    LineIdTokenVerifier idTokens,
    LineNotifier notifier,
    TimeProvider clock,
    ILogger<ApplicationService> logger) : IApplicationDesk
{
    /// <summary>What the card signs with the challenge when the page sends no payload of its own.</summary>
    public static readonly byte[] DefaultPayload = Encoding.UTF8.GetBytes("""{"program":"touma-bukka-2026","channel":"line"}""");

    private readonly EligibilityEvaluationOptions _evaluation = new() { TimeProvider = clock };

    public BenefitProgram Program => program;

    public long AmountPerHousehold => program.Amount.Kind == AmountKind.Fixed ? program.Amount.Yen : 0;

    public async Task<JpkiChallenge> IssueChallengeAsync(CancellationToken cancellationToken) => await jpki.Challenges.IssueAsync(cancellationToken);

    /// <summary>The LIFF application: throws <see cref="ApplicationRejectedException"/> for a bad token, request or signature.</summary>
    public async Task<ApplyResponse> ApplyFromLineAsync(SignedApplicationBody body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.IdToken))
        {
            throw new ApplicationRejectedException("LINEのログイン情報がありません。LINEアプリからもう一度開いてください。");
        }

        var token = await idTokens.VerifyAsync(body.IdToken, expectedNonce: null, cancellationToken);
        if (!token.IsValid || string.IsNullOrEmpty(token.Subject))
        {
            logger.LogInformation("LIFF ID token refused: {Failure}", token.Failure);
            throw new ApplicationRejectedException("LINEのログイン情報を確認できませんでした。LINEアプリからもう一度開いてください。");
        }

        if (string.IsNullOrWhiteSpace(body.ChallengeId) || string.IsNullOrWhiteSpace(body.Signature))
        {
            throw new ApplicationRejectedException("署名がありません。もう一度「申請する」を押してください。");
        }

        var format = body.Format?.ToLowerInvariant() switch
        {
            null or "" or "raw" => JpkiSignatureFormat.Raw,
            "cms" => JpkiSignatureFormat.Cms,
            _ => throw new ApplicationRejectedException("署名の形式が正しくありません。"),
        };

        byte[] signature;
        byte[] payload;
        JpkiCertificate? certificate = null;
        try
        {
            signature = Convert.FromBase64String(body.Signature);
            payload = string.IsNullOrEmpty(body.Payload) ? DefaultPayload : Convert.FromBase64String(body.Payload);
            if (!string.IsNullOrEmpty(body.Certificate))
            {
                certificate = JpkiCertificate.Parse(Convert.FromBase64String(body.Certificate));
            }
        }
        catch (Exception e) when (e is FormatException or JpkiFormatException)
        {
            throw new ApplicationRejectedException("署名または証明書を読み取れませんでした。もう一度お試しください。");
        }

        if (format == JpkiSignatureFormat.Raw && certificate is null)
        {
            throw new ApplicationRejectedException("署名用電子証明書が含まれていません。もう一度お試しください。");
        }

        JpkiSignedApplication signed;
        try
        {
            signed = new JpkiSignedApplication(body.ChallengeId, payload, format, signature, certificate);
        }
        catch (ArgumentException)
        {
            throw new ApplicationRejectedException("申請の内容が正しくありません。もう一度お試しください。");
        }

        var verified = await jpki.Verifier.VerifyAsync(signed, cancellationToken: cancellationToken);
        if (!verified.IsValid || verified.Applicant?.FourFacts is not { } facts)
        {
            logger.LogInformation("Signed application refused: {Reasons}", string.Join(",", verified.Failures.Select(f => f.Reason)));
            throw new ApplicationRejectedException("マイナンバーカードの署名を確認できませんでした。有効期限や失効の可能性があります。もう一度お試しいただくか、役場の窓口でご相談ください。");
        }

        return await ApplyAsync(facts, ApplicationChannel.Line, token.Subject, cancellationToken);
    }

    public Task<ApplyResponse> ApplyAtCounterAsync(CounterApplication application, string staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var gender = application.Gender.Trim().ToLowerInvariant() switch
        {
            "male" or "1" or "男" => JpkiGender.Male,
            "female" or "2" or "女" => JpkiGender.Female,
            _ => JpkiGender.Unknown,
        };
        var facts = new JpkiFourFacts(
            new JpkiName($"{application.FamilyName.Trim()}{JpkiName.Separator}{application.GivenName.Trim()}"),
            JpkiDateOfBirth.FromDate(application.DateOfBirth),
            gender,
            new JpkiAddress(application.Address.Trim()));
        logger.LogInformation("Counter application entered by {Staff}", staffId);
        return ApplyAsync(facts, ApplicationChannel.Counter, lineUserId: null, cancellationToken);
    }

    public async Task<IReadOnlyList<ApplicationView>> ReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        var records = await store.ByStatusAsync(["needs-review", "received"], cancellationToken);
        return [.. records.Select(View)];
    }

    public async Task<int> ApproveAsync(IReadOnlyCollection<string> applicationIds, string staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        var approved = 0;
        foreach (var id in applicationIds.Distinct(StringComparer.Ordinal))
        {
            var record = await store.FindAsync(id, cancellationToken);
            if (record is null || record.HouseholdId is null || record.Status is not ("received" or "needs-review"))
            {
                // Not found, already decided, or a needs-review record without a household (not found in the register):
                // that one is for staff to resolve by hand.
                continue;
            }

            if (record.Status == "needs-review")
            {
                // Staff confirmed the person: the application now claims the household like any other.
                var claim = await ledger.TryClaimAsync(
                    new HouseholdClaim(program.Id, record.HouseholdId, record.Id, new ApplicationChannel(record.Channel), record.ReceivedAt, record.ResidentId),
                    cancellationToken);
                if (claim.Claim.ApplicationId != record.Id)
                {
                    logger.LogInformation("Application {ApplicationId} not approved: its household is held by {HolderId}", record.Id, claim.Claim.ApplicationId);
                    await store.UpdateStatusAsync(record.Id, "already-applied", [.. record.ReasonCodes, EligibilityReasonCodes.HouseholdAlreadyApplied], cancellationToken);
                    continue;
                }
            }

            var amount = record.Amount ?? AmountPerHousehold;
            var result = await ledger.ApproveAsync(program.Id, record.HouseholdId, amount, new LedgerRequest($"approve:{record.Id}", staffId, "承認"), cancellationToken);
            if (result.Succeeded)
            {
                await store.UpdateStatusAsync(record.Id, "approved", null, cancellationToken);
                approved++;
            }
            else
            {
                logger.LogInformation("Application {ApplicationId} not approved: ledger says {Outcome}", record.Id, result.Outcome);
            }
        }

        return approved;
    }

    public async Task<IReadOnlyList<ApplicationView>> AllAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.AllAsync(cancellationToken)).Select(View)];

    /// <summary>What 申請状況 answers on LINE.</summary>
    public async Task<string> StatusTextAsync(string lineUserId, CancellationToken cancellationToken)
    {
        var record = await store.LatestOfUserAsync(lineUserId, cancellationToken);
        if (record is null)
        {
            return ResidentMessages.NoApplication();
        }

        var day = ResidentMessages.Day(record.ReceivedAt);
        switch (record.Status)
        {
            case "already-applied" when record.ClaimedAt is { } at:
                return ResidentMessages.AlreadyApplied(program, at, record.ClaimedVia == "窓口" ? ApplicationChannel.Counter.Value : ApplicationChannel.Line.Value);
            case "already-applied":
                return $"お住まいの世帯はすでに申請済みです。ご不明な点は{ResidentMessages.Contact(program)}までお問い合わせください。";
            case "ineligible":
                return $"{day}の申請（受付番号：{record.Id}）は、対象外と判断されました。ご不明な点は{ResidentMessages.Contact(program)}までお問い合わせください。";
            case "needs-review":
                return $"{day}の申請（受付番号：{record.Id}）は、担当者が内容を確認しています。確認が終わりましたらLINEでお知らせします。";
        }

        var entry = record.HouseholdId is null ? null : await ledger.GetEntryAsync(program.Id, record.HouseholdId, cancellationToken);
        var amount = (entry?.Amount ?? record.Amount ?? AmountPerHousehold).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return entry?.State switch
        {
            PayoutState.Approved => $"{day}の申請（受付番号：{record.Id}）は承認されました。お支払い（{amount}円分）まで今しばらくお待ちください。",
            PayoutState.Issued or PayoutState.Settled => $"{day}の申請（受付番号：{record.Id}）について、{amount}円分をお支払いしました。",
            PayoutState.Failed => $"{day}の申請（受付番号：{record.Id}）のお支払いができませんでした。お手数ですが{ResidentMessages.Contact(program)}までお問い合わせください。",
            PayoutState.Rejected or PayoutState.Reversed => $"{day}の申請（受付番号：{record.Id}）は、お支払いの対象外となりました。ご不明な点は{ResidentMessages.Contact(program)}までお問い合わせください。",
            _ => $"{day}に申請を受け付けました（受付番号：{record.Id}）。現在、内容を確認しています。お支払いのときにLINEでお知らせします。",
        };
    }

    private async Task<ApplyResponse> ApplyAsync(JpkiFourFacts facts, ApplicationChannel channel, string? lineUserId, CancellationToken cancellationToken)
    {
        var id = NewApplicationId(channel);
        var now = clock.GetUtcNow();
        var result = await EligibilityApplications.ApplyAsync(program, EligibilityRequest.ForIdentity(facts, channel, now), id, town.Register, ledger, _evaluation, cancellationToken);
        var decision = result.Decision;
        var (status, message) = result.Status switch
        {
            ApplicationStatus.Received => ("received", ResidentMessages.Received(program, id)),
            ApplicationStatus.AlreadyApplied => ("already-applied", ResidentMessages.AlreadyApplied(program, result.Claim!.ClaimedAt, result.Claim.Channel.Value)),
            ApplicationStatus.Ineligible => ("ineligible", ResidentMessages.Ineligible(program, result)),
            _ => ("needs-review", ResidentMessages.NeedsReview(program, id)),
        };

        var claimedAt = result.Status == ApplicationStatus.AlreadyApplied ? result.Claim?.ClaimedAt : null;
        var claimedVia = result.Status == ApplicationStatus.AlreadyApplied ? ResidentMessages.ChannelName(result.Claim!.Channel.Value) : null;
        var householdId = decision.HouseholdId ?? decision.Match?.Resident?.HouseholdId ?? result.Claim?.BeneficiaryId;
        await store.AddAsync(
            new ApplicationRecord(
                id,
                lineUserId,
                decision.Resident?.ResidentId ?? decision.Match?.Resident?.ResidentId,
                householdId,
                status,
                [.. result.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal)],
                channel.Value,
                now,
                Mask(facts.Name.FamilyName),
                result.Amount ?? decision.Amount ?? (AmountPerHousehold > 0 ? AmountPerHousehold : null),
                claimedAt,
                claimedVia),
            cancellationToken);
        logger.LogInformation("Application {ApplicationId} via {Channel}: {Status}", id, channel.Value, status);

        if (lineUserId is not null)
        {
            await notifier.SendAsync(lineUserId, message, $"apply:{id}", cancellationToken);
        }

        return new ApplyResponse(id, status, message, claimedAt, claimedVia);
    }

    /// <summary>A staff list shows the family name and stars: 山田 ＊＊.</summary>
    /// <remarks>
    /// A card's name without the full-width space (a foreign resident's "SMITH JOHN", say) comes as one "family name":
    /// only its first word is shown, at most 4 characters, so the given name never appears.
    /// </remarks>
    public static string Mask(string familyName)
    {
        var first = familyName.Split([' ', '　', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null ? "＊＊" : $"{(first.Length > 4 ? first[..4] : first)} ＊＊";
    }

    private static string NewApplicationId(ApplicationChannel channel) =>
        (channel == ApplicationChannel.Counter ? "C-" : "L-") + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    private static ApplicationView View(ApplicationRecord r) => new(
        r.Id,
        r.HouseholdId,
        r.MaskedName,
        r.Channel,
        r.Status,
        [.. r.ReasonCodes.Select(ReasonLabel)],
        r.ReceivedAt,
        r.Amount);

    /// <summary>The reason code with a short label for staff.</summary>
    private static string ReasonLabel(string code) => code switch
    {
        EligibilityReasonCodes.AmbiguousMatch => $"{code}（住民記録の候補が複数）",
        EligibilityReasonCodes.AlternateCharacterName => $"{code}（氏名に代替文字）",
        EligibilityReasonCodes.NotFoundInRegister => $"{code}（住民記録に見つからない）",
        EligibilityReasonCodes.HouseholdAlreadyApplied => $"{code}（世帯で申請済み）",
        EligibilityReasonCodes.AddressNotResolved => $"{code}（住所を特定できない）",
        EligibilityReasonCodes.HouseholdIncompleteInRegister => $"{code}（世帯の記録が不完全）",
        EligibilityReasonCodes.NotResidentOnReferenceDate => $"{code}（基準日に住民でない）",
        EligibilityReasonCodes.OutsideResidencyArea => $"{code}（対象地域外）",
        EligibilityReasonCodes.OutsideApplicationWindow => $"{code}（申請期間外）",
        _ => code,
    };
}

/// <summary>Sends a resident a text on LINE, with a retry key derived from what it is about, so a retry never sends it twice.</summary>
internal sealed class LineNotifier(LineMessagingClient client, ILogger<LineNotifier> logger)
{
    public async Task SendAsync(string lineUserId, string text, string about, CancellationToken cancellationToken)
    {
        try
        {
            var key = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(about)).AsSpan(0, 16));
            await client.PushAsync(new PushMessageRequest(lineUserId, new TextMessage(text)), key, cancellationToken);
        }
        catch (Exception e) when (e is LineApiException or HttpRequestException or TaskCanceledException)
        {
            // The answer on the page stands; the notice can be sent again from the status menu.
            logger.LogWarning("LINE notice ({About}) not sent: {Error}", about, e.GetType().Name);
        }
    }

    public async Task ReplyOrPushAsync(string? replyToken, string lineUserId, string text, CancellationToken cancellationToken)
    {
        try
        {
            if (!string.IsNullOrEmpty(replyToken))
            {
                await client.ReplyAsync(new ReplyMessageRequest(replyToken, new TextMessage(text)), cancellationToken);
                return;
            }
        }
        catch (LineApiException e)
        {
            logger.LogInformation("Reply refused ({Status}); pushing instead", e.StatusCode);
        }

        await SendAsync(lineUserId, text, $"push:{Guid.NewGuid()}", cancellationToken);
    }
}
