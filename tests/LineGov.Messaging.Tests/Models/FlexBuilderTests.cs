using LineGov.Messaging.Flex;
using static LineGov.Messaging.Flex.FlexBuilder;

namespace LineGov.Messaging.Tests.Models;

public sealed class FlexBuilderTests
{
    [Fact]
    public void The_builder_produces_the_flex_message_json()
    {
        var message = new FlexMessage("給付金の申請を受け付けました", Bubble(
            header: VerticalBox(Text("申請受付のお知らせ", weight: FlexWeight.Bold, size: FlexKeywords.Lg)),
            hero: Image("https://example.com/hero.png", size: FlexKeywords.Full, aspectRatio: "20:13", aspectMode: FlexAspectMode.Cover),
            body: Box(FlexLayout.Vertical, [
                    Text("受付番号 A-0001", wrap: true),
                    Separator(FlexKeywords.Md),
                    BaselineBox(Icon("https://example.com/i.png", FlexKeywords.Sm), Text("当麻町", color: "#999999", margin: FlexKeywords.Md, flex: 0)),
                    Text(Span("結果は"), Span("1週間以内", weight: FlexWeight.Bold, decoration: FlexDecoration.Underline), Span("にお知らせします。")),
                    Filler(),
                    Spacer(FlexKeywords.Sm),
                ],
                spacing: FlexKeywords.Sm,
                paddingAll: "20px"),
            footer: HorizontalBox(
                Button(new UriAction("申請内容を確認", "https://liff.line.me/1234-abcd"), FlexButtonStyle.Primary, height: FlexButtonHeight.Sm),
                Button(new PostbackAction("取り下げ", "action=withdraw") { DisplayText = "取り下げます" }, FlexButtonStyle.Secondary)),
            size: FlexBubbleSize.Kilo))
        {
            QuickReply = new QuickReply(new QuickReplyItem(new DatetimePickerAction("来庁日", "action=visit", DatetimePickerMode.Date) { Min = "2025-04-01" })),
        };

        JsonAssert.Equal(
            """
            {"type":"flex","altText":"給付金の申請を受け付けました",
             "quickReply":{"items":[{"type":"action","action":{"type":"datetimepicker","label":"来庁日","data":"action=visit","mode":"date","min":"2025-04-01"}}]},
             "contents":{"type":"bubble","size":"kilo",
              "header":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"申請受付のお知らせ","size":"lg","weight":"bold"}]},
              "hero":{"type":"image","url":"https://example.com/hero.png","size":"full","aspectRatio":"20:13","aspectMode":"cover"},
              "body":{"type":"box","layout":"vertical","spacing":"sm","paddingAll":"20px","contents":[
                {"type":"text","text":"受付番号 A-0001","wrap":true},
                {"type":"separator","margin":"md"},
                {"type":"box","layout":"baseline","contents":[{"type":"icon","url":"https://example.com/i.png","size":"sm"},{"type":"text","text":"当麻町","color":"#999999","margin":"md","flex":0}]},
                {"type":"text","contents":[{"type":"span","text":"結果は"},{"type":"span","text":"1週間以内","weight":"bold","decoration":"underline"},{"type":"span","text":"にお知らせします。"}]},
                {"type":"filler"},
                {"type":"spacer","size":"sm"}]},
              "footer":{"type":"box","layout":"horizontal","contents":[
                {"type":"button","action":{"type":"uri","label":"申請内容を確認","uri":"https://liff.line.me/1234-abcd"},"style":"primary","height":"sm"},
                {"type":"button","action":{"type":"postback","label":"取り下げ","data":"action=withdraw","displayText":"取り下げます"},"style":"secondary"}]}}}
            """,
            LineJson.Serialize<Message>(message));
    }

    [Fact]
    public void A_carousel_of_built_bubbles_reads_back_as_the_same_types()
    {
        var carousel = Carousel(
            Bubble(body: VerticalBox(Text("10:00"))),
            Bubble(body: VerticalBox(Text("11:00")), action: new MessageAction(null, "11:00")));

        var read = LineJson.Deserialize<FlexContainer>(LineJson.Serialize<FlexContainer>(carousel)).ShouldBeOfType<FlexCarousel>();

        read.Contents.Count.ShouldBe(2);
        read.Contents[1].Body!.Contents[0].ShouldBeOfType<FlexText>().Text.ShouldBe("11:00");
        read.Contents[1].Action.ShouldBeOfType<MessageAction>().Label.ShouldBeNull();
    }
}
