using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using LineGov.Messaging.Webhooks;

namespace LineGov.Benchmarks.Messaging;

/// <summary>
/// Verify x-line-signature and parse a 10-event webhook body (text messages in Japanese with \u escapes and emoji
/// surrogate pairs as LINE sends them, a follow, a postback, an image, an unfollow). Baseline: what many handlers do —
/// read the body as a string, re-encode it to UTF-8 to hash it, compare, then parse (with the same typed parser, so
/// the rows differ only in the string round trip and the signature check). LineGov: HMAC over the raw bytes in
/// constant time with no allocation, then one UTF-8 parse.
/// </summary>
[MemoryDiagnoser]
public class WebhookVerifyParse
{
    private const string Secret = "8f4b1c0d2e6a4f3b9c7d5e1a0b2c3d4e";

    private readonly LineWebhookParser _parser = new(Secret);
    private byte[] _body = null!;
    private string _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(Body());
        _signature = LineWebhookSignature.Compute(_body, Secret);
        if (Baseline() != 10 || LineGov() != 10)
        {
            throw new InvalidOperationException("The rows disagree on the body.");
        }
    }

    [Benchmark(Baseline = true, Description = "string round trip + HMAC + parse")]
    public int Baseline()
    {
        var text = Encoding.UTF8.GetString(_body);
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = Convert.FromBase64String(_signature);
        var actual = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), bytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw new InvalidOperationException("Bad signature.");
        }

        return _parser.TryVerifyAndParse(bytes, _signature, out var payload, out _) ? payload!.Events.Count : -1;
    }

    [Benchmark(Description = "LineGov verify raw bytes + parse")]
    public int LineGov() =>
        _parser.TryVerifyAndParse(_body, _signature, out var payload, out _) ? payload!.Events.Count : -1;

    [Benchmark(Description = "LineGov verify only")]
    public bool VerifyOnly() => _parser.VerifySignature(_body, _signature);

    private static string Body()
    {
        var events = new List<string>();
        string[] texts =
        [
            @"\u7d66\u4ed8\u91d1\u306e\u7533\u8acb\u3092\u3057\u305f\u3044\u3067\u3059 \uD83E\uDD28",
            @"\u4e16\u5e2f\u4e3b\u3067\u3059\u3002\u53e3\u5ea7\u3092\u5909\u66f4\u3067\u304d\u307e\u3059\u304b\uff1f",
            @"\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\uD83D\uDE4F\uD83C\uDFFB",
            @"\u7533\u8acb\u756a\u53f7 2026-000123 \u306e\u72b6\u6cc1\u3092\u6559\u3048\u3066\u304f\u3060\u3055\u3044",
            @"\u6c0f\u540d\u306e\u6f22\u5b57\u304c\u9055\u3044\u307e\u3059\uFF08\u9ad9\u2192\u9ad9\uFF09",
            @"\u5fc5\u8981\u66f8\u985e\u306f\u4f55\u3067\u3059\u304b\uff1f",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            events.Add(Event(i, "message", $$"""
                "replyToken":"{{Token(i)}}","message":{"id":"5{{i:D17}}","type":"text","quoteToken":"q{{Token(i)}}","text":"{{texts[i]}}"}
                """));
        }

        events.Add(Event(6, "follow", $$"""
            "replyToken":"{{Token(6)}}","follow":{"isUnblocked":false}
            """));
        events.Add(Event(7, "postback", $$$"""
            "replyToken":"{{{Token(7)}}}","postback":{"data":"action=apply&program=2026-winter","params":{"date":"2026-12-01"}}
            """));
        events.Add(Event(8, "message", $$$"""
            "replyToken":"{{{Token(8)}}}","message":{"id":"500000000000000008","type":"image","quoteToken":"q8","contentProvider":{"type":"line"},"imageSet":{"id":"E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855","index":1,"total":2}}
            """));
        events.Add(Event(9, "unfollow", string.Empty));
        return $$"""{"destination":"U1f0c8f4fa0b6c6a4f0e7d34c2b18a9e3","events":[{{string.Join(",", events)}}]}""";
    }

    private static string Event(int i, string type, string rest) =>
        $$"""{"type":"{{type}}","mode":"active","timestamp":17638{{i:D8}},"source":{"type":"user","userId":"U{{i:x32}}"},"webhookEventId":"01JDBENCH{{i:D17}}","deliveryContext":{"isRedelivery":{{(i == 3 ? "true" : "false")}}}{{(rest.Length == 0 ? string.Empty : "," + rest.Trim())}}}""";

    private static string Token(int i) => $"nHuyWiB7yP5Zw52FIkcQobQuGD{i:D4}";
}
