using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary><c>POST /api/applications/challenge</c>'s answer.</summary>
public sealed record ChallengeResponse(string ChallengeId, string Challenge, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/simulator/sign</c>'s answer: the card's signature over the challenge.</summary>
public sealed record SignResponse(string Signature, string Certificate, string Format);

/// <summary><c>POST /api/applications</c>'s body.</summary>
public sealed record ApplyRequest(string IdToken, string ChallengeId, string Signature, string Certificate, string Format, string? Payload = null);

/// <summary>A 400's body.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>The resident side's JSON API, as the LIFF page calls it (the contract's shapes, camelCase).</summary>
public sealed class ApplicationApi(HttpClient http)
{
    /// <summary>camelCase, as the contract says.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new challenge.</summary>
    public async Task<ChallengeResponse> ChallengeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("api/applications/challenge", null, cancellationToken);
        await EnsureAsync(response, "challenge", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ChallengeResponse>(Json, cancellationToken)).ShouldNotBeNull();
    }

    /// <summary>The simulated My Number Card of <paramref name="residentId"/> signs the challenge.</summary>
    public async Task<SignResponse> SignAsync(string residentId, ChallengeResponse challenge, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/simulator/sign", new { residentId, challengeId = challenge.ChallengeId, challenge = challenge.Challenge }, Json, cancellationToken);
        await EnsureAsync(response, "simulator/sign", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SignResponse>(Json, cancellationToken)).ShouldNotBeNull();
    }

    /// <summary>Challenge and signature: everything of an application but its POST.</summary>
    public async Task<ApplyRequest> PrepareAsync(string residentId, string idToken, CancellationToken cancellationToken = default)
    {
        var challenge = await ChallengeAsync(cancellationToken);
        var signed = await SignAsync(residentId, challenge, cancellationToken);
        return new ApplyRequest(idToken, challenge.ChallengeId, signed.Signature, signed.Certificate, signed.Format);
    }

    /// <summary>POSTs an application; returns the HTTP status, the answer (on 200) and the call's duration.</summary>
    public async Task<(int StatusCode, ApplyResponse? Answer, TimeSpan Elapsed)> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("api/applications", request, Json, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        watch.Stop();
        var answer = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<ApplyResponse>(body, Json) : null;
        return ((int)response.StatusCode, answer, watch.Elapsed);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
