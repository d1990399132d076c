using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>
/// Posts to LINE's OAuth token endpoints (<c>/oauth2/v2.1/token</c>, <c>/oauth2/v3/token</c>) and reads the answer.
/// Failures become <see cref="LineApiException"/> without the request body (it holds the secret or the assertion).
/// </summary>
internal static class ChannelAccessTokenEndpoint
{
    /// <summary>The largest response read: token responses are a few hundred bytes.</summary>
    internal const int MaxResponseBytes = 64 * 1024;

    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static async Task<IssuedChannelAccessToken> IssueAsync(
        HttpClient httpClient,
        Uri endpoint,
        string endpointName,
        IEnumerable<KeyValuePair<string, string>> form,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var sent = timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new LineApiException($"The LINE token endpoint could not be reached ({endpointName}).", e);
        }

        using (response)
        {
            var requestId = response.Headers.TryGetValues(LineEndpoints.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            byte[] body;
            try
            {
                body = await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new LineApiException(response.StatusCode, "The token response could not be read.", [], requestId, endpointName, e);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new LineApiException(response.StatusCode, DescribeError(body), [], requestId, endpointName);
            }

            TokenResponse? token;
            try
            {
                token = JsonSerializer.Deserialize(body, ChannelAccessTokenJsonContext.Default.TokenResponse);
            }
            catch (JsonException e)
            {
                throw new LineApiException(response.StatusCode, "The token response is not valid JSON.", [], requestId, endpointName, e);
            }

            if (token is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new LineApiException(response.StatusCode, "The token response has no access_token or expires_in.", [], requestId, endpointName);
            }

            return new IssuedChannelAccessToken(token.AccessToken, sent + TimeSpan.FromSeconds(token.ExpiresIn));
        }
    }

    private static string DescribeError(byte[] body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, ChannelAccessTokenJsonContext.Default.OAuthErrorResponse);
            var text = error?.Error is { } code
                ? (error.ErrorDescription is { } description ? $"{code}: {description}" : code)
                : error?.Message;
            if (text is not null)
            {
                return text.Length > 500 ? text[..500] : text;
            }
        }
        catch (JsonException)
        {
            // Not LINE's error shape: say so without echoing the body.
        }

        return "(no error description)";
    }
}

/// <summary>Reads an HTTP body up to a size limit, so a misbehaving server cannot exhaust memory.</summary>
internal static class BoundedContent
{
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new IOException($"The response is larger than {maxBytes} bytes.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new IOException($"The response is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}

/// <summary>The token response of <c>/oauth2/v2.1/token</c> and <c>/oauth2/v3/token</c> (channel-access-token.yml).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("key_id")] string? KeyId)
{
    public override string ToString() => "TokenResponse { (redacted) }";
}

/// <summary>An OAuth error response (<c>ErrorResponse</c> of channel-access-token.yml), or LINE's usual <c>message</c>.</summary>
internal sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription,
    [property: JsonPropertyName("message")] string? Message);

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
internal sealed partial class ChannelAccessTokenJsonContext : JsonSerializerContext;
