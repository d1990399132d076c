using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LineGov.Messaging.Webhooks;

namespace LineGov.Messaging.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    internal const string Secret = "8c1e6a9f0d4b2e7c5a3f1b9d8e6c4a20";

    // The sequence \uD83E\uDD28 (🤨) as LINE escapes it, next to the same emoji and Japanese as raw UTF-8.
    private const string EscapedBody = """{"destination":"Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","events":[{"type":"message","mode":"active","timestamp":1462629479859,"source":{"type":"user","userId":"U4af4980629"},"webhookEventId":"01HESCAPES0000000000000000","deliveryContext":{"isRedelivery":false},"replyToken":"r","message":{"id":"1","type":"text","quoteToken":"q","text":"\uD83E\uDD28 🤨 まちの給付金\u3002"}}]}""";

    /// <summary>The signature computed here, independently: Base64(HMAC-SHA256(secret, exact bytes)).</summary>
    internal static string Sign(byte[] body, string secret = Secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(hmac.ComputeHash(body));
    }

    private static readonly LineWebhookParser Parser = new(Secret);

    [Fact]
    public void A_good_signature_verifies_and_the_body_parses()
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));

        Parser.TryVerifyAndParse(body, Sign(body), out var payload, out var error).ShouldBeTrue();

        error.ShouldBe(LineWebhookError.None);
        payload!.Destination.ShouldBe(WebhookExamples.Destination);
        payload.Events.Count.ShouldBe(1);
        Parser.VerifySignature(body, Sign(body)).ShouldBeTrue();
        LineWebhookSignature.IsValid(body, Sign(body), Secret).ShouldBeTrue();
    }

    [Fact]
    public void The_library_computes_the_same_signature_as_HMACSHA256()
    {
        var body = Encoding.UTF8.GetBytes(EscapedBody);

        LineWebhookSignature.Compute(body, Secret).ShouldBe(Sign(body));
    }

    [Fact]
    public void A_signature_over_a_body_with_surrogate_escapes_verifies_on_the_raw_bytes()
    {
        var body = Encoding.UTF8.GetBytes(EscapedBody);
        body.AsSpan().IndexOf("\\uD83E\\uDD28"u8).ShouldBeGreaterThan(0, "the body must carry the escape sequence itself");

        Parser.TryVerifyAndParse(body, Sign(body), out var payload, out var error).ShouldBeTrue();

        error.ShouldBe(LineWebhookError.None);
        var text = payload!.Events[0].ShouldBeOfType<MessageEvent>().Message.ShouldBeOfType<TextMessageContent>();
        text.Text.ShouldBe("🤨 🤨 まちの給付金。");
        payload.Events[0].RawJson.ToArray().ShouldBe(body[body.AsSpan().IndexOf("{\"type\""u8)..^2]);
    }

    [Fact]
    public void A_re_serialized_body_does_not_verify_with_the_original_signature()
    {
        var body = Encoding.UTF8.GetBytes(EscapedBody);
        var signature = Sign(body);

        // What a framework does when it binds the body to an object and serializes it again.
        using var document = JsonDocument.Parse(body);
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(document.RootElement);
        reserialized.ShouldNotBe(body);

        Parser.TryVerifyAndParse(reserialized, signature, out var payload, out var error).ShouldBeFalse();
        error.ShouldBe(LineWebhookError.InvalidSignature);
        payload.ShouldBeNull();

        // Decoding to a string and encoding it again keeps the bytes here, but only a signature over the raw
        // bytes is ever right: the library never sees anything but the raw bytes.
        var roundTripped = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body));
        Parser.VerifySignature(roundTripped, signature).ShouldBeTrue();
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));
        var signature = Sign(body);
        body[^5] ^= 1;

        Parser.TryVerifyAndParse(body, signature, out var payload, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.InvalidSignature);
        payload.ShouldBeNull();
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));

        Parser.TryVerifyAndParse(body, Sign(body, "ffffffffffffffffffffffffffffffff"), out _, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.InvalidSignature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_signature_is_refused(string? header)
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));

        Parser.TryVerifyAndParse(body, header, out var payload, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.MissingSignature);
        payload.ShouldBeNull();
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_signature_that_is_not_a_base64_HMAC_is_refused(string header)
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A")));

        Parser.TryVerifyAndParse(body, header, out _, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.InvalidSignature);
    }

    [Fact]
    public void A_forged_request_is_never_parsed_even_when_it_is_not_json()
    {
        var body = "this is not JSON {"u8.ToArray();

        Parser.TryVerifyAndParse(body, Sign(body, "ffffffffffffffffffffffffffffffff"), out _, out var error).ShouldBeFalse();

        // A malformed body would say MalformedPayload: the signature check came first.
        error.ShouldBe(LineWebhookError.InvalidSignature);
    }

    [Theory]
    [InlineData("this is not JSON {")]
    [InlineData("[]")]
    [InlineData("{\"destination\":\"U1\"}")]
    [InlineData("{\"destination\":\"U1\",\"events\":{}}")]
    [InlineData("{\"destination\":\"U1\",\"events\":[1]}")]
    [InlineData("{\"destination\":\"U1\",\"events\":[]} trailing")]
    [InlineData("{\"destination\":\"U1\",\"events\":[{\"type\":\"message\"")]
    [InlineData("{\"destination\":\"U1\",\"events\":[{\"type\":\"follow\",\"timestamp\":\"yesterday\"}]}")]
    [InlineData("")]
    public void A_well_signed_body_that_is_not_a_webhook_payload_is_malformed(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        Parser.TryVerifyAndParse(body, Sign(body), out var payload, out var error).ShouldBeFalse();

        error.ShouldBe(LineWebhookError.MalformedPayload);
        payload.ShouldBeNull();
    }

    [Fact]
    public void Verification_allocates_nothing()
    {
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01A"), WebhookExamples.TextEvent("01B")));
        var signature = Sign(body);
        var forged = Sign(body, "ffffffffffffffffffffffffffffffff");
        Parser.VerifySignature(body, signature).ShouldBeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Parser.VerifySignature(body, signature);
            Parser.VerifySignature(body, forged);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void The_parser_does_not_show_its_secret()
    {
        Parser.ToString().ShouldNotContain(Secret);
    }
}
