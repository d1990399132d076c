using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging.Tests.Tokens;

/// <summary>A stand-in for LINE's token endpoints: records each form posted and answers with numbered tokens.</summary>
public sealed class TokenTestServer : IAsyncDisposable
{
    private int _issued;

    private TokenTestServer()
    {
    }

    public LoopbackHttpServer Http { get; private set; } = null!;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Form)> Requests { get; } = new();

    /// <summary>The expires_in answered, in seconds.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>When set, requests wait for it before answering (to hold a refresh in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, the status and body answered instead of a token.</summary>
    public (int Status, string Body)? Failure { get; set; }

    public int Issued => Volatile.Read(ref _issued);

    public static async Task<TokenTestServer> StartAsync()
    {
        var server = new TokenTestServer();
        server.Http = await LoopbackHttpServer.StartAsync(server.HandleAsync);
        return server;
    }

    public ValueTask DisposeAsync() => Http.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        Requests.Enqueue((context.Request.Path, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)));
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        context.Response.Headers["x-line-request-id"] = "req-" + Requests.Count;
        if (Failure is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        var n = Interlocked.Increment(ref _issued);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = "token-" + n,
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresIn,
            ["key_id"] = "key-" + n,
        }));
    }
}

/// <summary>An Assertion Signing Key as LINE's guide has you make one: RSA 2048, private key as a JWK with a kid.</summary>
public static class AssertionKeys
{
    public static readonly RSA Rsa = RSA.Create(2048);

    public static string PrivateJwk(string? kid = "kid-from-jwk")
    {
        var p = Rsa.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P),
            ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ),
            ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        return JsonSerializer.Serialize(jwk);
    }

    public static string PrivatePem() => Rsa.ExportPkcs8PrivateKeyPem();
}
