using System.Text.Json;
using LineGov.Jpki;
using LineGov.Messaging.Testing;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>The body of <c>POST /api/simulator/sign</c> and what it answers.</summary>
internal sealed record SimulatorSignRequest(string? ResidentId, string? ChallengeId, string? Challenge);

/// <summary>A signature made by a simulated card: the signature fields of <c>POST /api/applications</c>.</summary>
internal sealed record SimulatorSignResponse(string Signature, string Certificate, string Format);

/// <summary>
/// Plays the town's people in Emulator mode: webhooks signed by the LINE emulator, and the LIFF flow over HTTP against the
/// host (challenge, the simulated card's signature, an ID token for the user, the application) — what the page does.
/// </summary>
internal sealed class EmulatorSimulator : MunicipalitySimulator, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Uri _baseAddress;
    private readonly LineSetup _line;
    private readonly JpkiSetup _jpki;
    private readonly GeneratedTown _town;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly WebhookTracker _tracker;

    public EmulatorSimulator(Uri baseAddress, LineSetup line, JpkiSetup jpki, GeneratedTown town, TimeProvider clock, WebhookTracker tracker)
    {
        _tracker = tracker;
        _baseAddress = baseAddress;
        _line = line;
        _jpki = jpki;
        _town = town;
        _clock = clock;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Residents = [.. town.People.Select(p => new SimulatedResident(p.ResidentId, p.HouseholdId, p.LineUserId))];
    }

    public override IReadOnlyList<SimulatedResident> Residents { get; }

    /// <summary>The people behind <see cref="Residents"/>, with their scenario (for the simulator page).</summary>
    public IReadOnlyList<TownPerson> People => _town.People;

    public override Task FollowAsync(string lineUserId, CancellationToken cancellationToken = default) =>
        SendAsync(Emulator.CreateFollowEvent(lineUserId), cancellationToken);

    public override Task SendTextAsync(string lineUserId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(Emulator.CreateTextMessageEvent(lineUserId, text), cancellationToken);

    public override Task PostbackAsync(string lineUserId, string data, CancellationToken cancellationToken = default) =>
        SendAsync(Emulator.CreatePostbackEvent(lineUserId, data), cancellationToken);

    public override async Task<ApplyResponse> ApplyAsync(string residentId, string lineUserId, CancellationToken cancellationToken = default)
    {
        using var challengeAnswer = await _http.PostAsync("api/applications/challenge", null, cancellationToken);
        challengeAnswer.EnsureSuccessStatusCode();
        var challenge = await challengeAnswer.Content.ReadFromJsonAsync<ChallengeResponse>(Json, cancellationToken) ?? throw new InvalidOperationException("No challenge.");

        using var signAnswer = await _http.PostAsJsonAsync("api/simulator/sign", new SimulatorSignRequest(residentId, challenge.ChallengeId, challenge.Challenge), Json, cancellationToken);
        signAnswer.EnsureSuccessStatusCode();
        var signed = await signAnswer.Content.ReadFromJsonAsync<SimulatorSignResponse>(Json, cancellationToken) ?? throw new InvalidOperationException("No signature.");

        using var applyAnswer = await _http.PostAsJsonAsync(
            "api/applications",
            new SignedApplicationBody(IdTokenFor(lineUserId), challenge.ChallengeId, signed.Signature, signed.Certificate, signed.Format, null),
            Json,
            cancellationToken);
        if (!applyAnswer.IsSuccessStatusCode)
        {
            var error = await applyAnswer.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken);
            return new ApplyResponse(string.Empty, "error", error?.Error ?? "申請を処理できませんでした。");
        }

        return await applyAnswer.Content.ReadFromJsonAsync<ApplyResponse>(Json, cancellationToken) ?? throw new InvalidOperationException("No answer.");
    }

    public override string IdTokenFor(string lineUserId) => _line.MintIdToken(lineUserId, _clock);

    /// <summary>What the card of <paramref name="residentId"/> signs over a challenge; null for an unknown person.</summary>
    public SimulatorSignResponse? Sign(string residentId, string challengeId, byte[] nonce)
    {
        if (!_town.ById.TryGetValue(residentId, out var person))
        {
            return null;
        }

        var card = _jpki.CardOf(person.ResidentId, person.Card);
        var now = _clock.GetUtcNow();
        var application = card.SignApplication(new JpkiChallenge(challengeId, nonce, now, now.AddMinutes(10)), ApplicationService.DefaultPayload, JpkiSignatureFormat.Raw);
        return new SimulatorSignResponse(
            Convert.ToBase64String(application.Signature.Span),
            Convert.ToBase64String(card.SignatureCertificate.RawData.Span),
            "raw");
    }

    public void Dispose() => _http.Dispose();

    private LineEmulator Emulator => _line.Emulator ?? throw new InvalidOperationException("The simulator plays residents in Emulator mode only (Municipality:Line:Mode = Emulator).");

    private async Task SendAsync(System.Text.Json.Nodes.JsonObject @event, CancellationToken cancellationToken)
    {
        var eventId = @event["webhookEventId"]?.GetValue<string>();
        var handled = eventId is null ? Task.CompletedTask : _tracker.WaitAsync(eventId);
        var delivery = await Emulator.SendWebhookAsync(new Uri(_baseAddress, "webhook"), [@event], cancellationToken: cancellationToken);
        if (!delivery.Succeeded)
        {
            throw new InvalidOperationException($"The webhook was not accepted: {delivery.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? delivery.Error}");
        }

        // The endpoint answers 200 before the handler runs (as LINE wants); wait for the handler, so that the resident's
        // inbox holds the answer when this returns.
        var ids = delivery.WebhookEventIds;
        await (eventId is not null && ids.Contains(eventId) ? handled : _tracker.WaitAsync(ids[0])).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }
}

/// <summary>The answer of <c>POST /api/applications/challenge</c>.</summary>
internal sealed record ChallengeResponse(string ChallengeId, string Challenge, DateTimeOffset ExpiresAt);

/// <summary>A 400 answer.</summary>
internal sealed record ErrorResponse(string Error);

/// <summary>Lets the simulator wait until the webhook handler has handled an event (by its webhookEventId).</summary>
internal sealed class WebhookTracker
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _events = new(StringComparer.Ordinal);

    public Task WaitAsync(string webhookEventId) => Source(webhookEventId).Task;

    public void Handled(string webhookEventId)
    {
        Source(webhookEventId).TrySetResult();

        // Nobody waits for events that came from a real LINE platform: keep the map small.
        if (_events.Count > 10_000)
        {
            foreach (var done in _events.Where(e => e.Value.Task.IsCompleted).Select(e => e.Key).ToList())
            {
                _events.TryRemove(done, out _);
            }
        }
    }

    private TaskCompletionSource Source(string id) => _events.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
