using System.Text.Json.Nodes;

namespace LineGov.Messaging.Tests.Templates;

public sealed class MunicipalTemplateTests
{
    public static TheoryData<string> Names => new("received", "approved", "rejected", "household", "more", "deadline");

    private static LineMunicipalNotice Make(string name) => name switch
    {
        "received" => LineMunicipalTemplates.ApplicationReceived("物価高騰支援給付", new DateOnly(2026, 11, 22), new Uri("https://town.example.jp/status")),
        "approved" => LineMunicipalTemplates.Approved("物価高騰支援給付", 40000, "ポイント", "当麻町地域ポイント", new DateOnly(2026, 12, 1)),
        "rejected" => LineMunicipalTemplates.Rejected("高校生世代応援給付", "基準日（2026年4月1日）に町内にお住まいではありませんでした", "転入前の市区町村の制度をご確認ください。", "子育て支援課（0166-84-2111）"),
        "household" => LineMunicipalTemplates.HouseholdAlreadyApplied("物価高騰支援給付", new DateOnly(2026, 11, 20), "窓口"),
        "more" => LineMunicipalTemplates.MoreInformationNeeded("物価高騰支援給付", "振込先口座の確認書類", new DateOnly(2026, 12, 15), new Uri("https://town.example.jp/upload")),
        _ => LineMunicipalTemplates.DeadlineReminder("物価高騰支援給付", new DateOnly(2027, 1, 31), new Uri("https://liff.line.me/1234567890-abcdefgh")),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_notice_is_a_flex_message_whose_alternative_text_says_everything(string name)
    {
        var notice = Make(name);
        var json = JsonNode.Parse(LineJson.Serialize<Message>(notice.Flex))!;

        json["type"]!.GetValue<string>().ShouldBe("flex");
        json["contents"]!["type"]!.GetValue<string>().ShouldBe("bubble");
        var altText = json["altText"]!.GetValue<string>();
        altText.ShouldBe(notice.Text.Text);
        altText.Length.ShouldBeLessThanOrEqualTo(400);
        altText.ShouldStartWith("【");
        notice.ToMessage(plainText: true).ShouldBeSameAs(notice.Text);
    }

    [Fact]
    public void The_approval_says_the_amount_channel_and_that_nothing_is_to_be_done()
    {
        var text = Make("approved").Text.Text;

        text.ShouldContain("40,000ポイント");
        text.ShouldContain("当麻町地域ポイント");
        text.ShouldContain("2026年12月1日");
        text.ShouldContain("お手続きは不要です");
    }

    [Fact]
    public void Already_applied_says_when_and_how_but_never_who()
    {
        var text = Make("household").Text.Text;

        text.ShouldContain("2026年11月20日に窓口で申請");
        text.ShouldContain("改めての申請は不要です");
        text.ShouldNotContain("様");
    }

    [Fact]
    public void The_rejection_gives_the_reason_what_to_do_and_whom_to_ask()
    {
        var text = Make("rejected").Text.Text;

        text.ShouldContain("理由：基準日");
        text.ShouldContain("ご確認ください");
        text.ShouldContain("子育て支援課");
    }

    [Fact]
    public void Notices_with_a_link_carry_a_button()
    {
        var json = JsonNode.Parse(LineJson.Serialize<Message>(Make("deadline").Flex))!;

        json["contents"]!["footer"]!["contents"]![0]!["action"]!["uri"]!.GetValue<string>().ShouldStartWith("https://liff.line.me/");
    }
}
