using System.Net;
using System.Text;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>Malformed bodies never crash or hang the emulator: each gets a 4xx in LINE's shape, or is accepted.</summary>
public sealed class MalformedInputTests
{
    private static readonly string[] Seeds =
    [
        Push(Alice),
        Multicast([Alice, Bob]),
        """{"messages":[{"type":"flex","altText":"a","contents":{"type":"carousel","contents":[]}}],"recipient":{"type":"operator","and":[{"type":"audience","audienceGroupId":1}]}}""",
        """{"size":{"width":2500,"height":1686},"selected":false,"name":"n","chatBarText":"c","areas":[{"bounds":{"x":0,"y":0,"width":1,"height":1},"action":{"type":"message","text":"t"}}]}""",
        """{"replyToken":"x","messages":[{"type":"template","altText":"a","template":{"type":"buttons"}}]}""",
    ];

    private static readonly string[] Paths =
    [
        "v2/bot/message/push", "v2/bot/message/multicast", "v2/bot/message/narrowcast", "v2/bot/richmenu", "v2/bot/message/reply",
        "v2/bot/richmenu/bulk/link", "v2/bot/audienceGroup/upload", "v2/bot/chat/loading/start", "v2/bot/message/markAsRead",
    ];

    [Fact]
    public async Task Two_thousand_mutated_bodies_get_LINE_shaped_answers_never_500()
    {
        await using var line = await LineEmulator.StartAsync(new() { RateLimits = { Enabled = false } });
        using var http = line.Client();
        var random = new Random(20250401);

        for (var i = 0; i < 2000; i++)
        {
            var body = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(body.Length);
                switch (random.Next(3))
                {
                    case 0:
                        body[at] = (byte)random.Next(256);
                        break;
                    case 1:
                        body = [.. body.AsSpan(0, at), .. body.AsSpan(Math.Min(body.Length, at + random.Next(1, 8)))];
                        break;
                    default:
                        body = [.. body.AsSpan(0, at), .. "{}[],:\"0"u8.Slice(random.Next(8), 1), .. body.AsSpan(at)];
                        break;
                }
            }

            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(Paths[random.Next(Paths.Length)], content);

            ((int)response.StatusCode).ShouldBeLessThan(500, Encoding.UTF8.GetString(body));
            if (!response.IsSuccessStatusCode)
            {
                await response.ShouldBeLineErrorAsync(response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_a_parse_error_not_a_crash()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        // 0xC3 0x28 is not UTF-8; it sits at line 2, column 24 (1-based), inside the "type" string.
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"to\":\"" + Alice + "\",\n\"messages\":[{\"type\":\"te"), 0xC3, 0x28, .. "xt\",\"text\":\"x\"}]}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync("v2/bot/message/push", content);

        await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "The request body could not be parsed as JSON (line: 2, column: 24)");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_with_a_request_id()
    {
        await using var line = await LineEmulator.StartAsync(new() { MaxRequestBodySize = 2048 });
        using var http = line.Client();

        using var response = await http.PostJsonAsync("v2/bot/message/push", Push(Alice, new string('x', 4000)));

        await response.ShouldBeLineErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        line.InboxOf(Alice).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deeply_nested_recipients_are_refused_not_overflowed()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        var nested = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            nested.Append("""{"type":"operator","not":""");
        }

        nested.Append("""{"type":"audience","audienceGroupId":1}""").Append('}', 200);

        using var response = await http.PostJsonAsync("v2/bot/message/narrowcast", $$$"""{"messages":[{{{TextMessage("x")}}}],"recipient":{{{nested}}}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
