using LineGov.Messaging.Tests.Tokens;
using LineGov.Messaging.Webhooks;

namespace LineGov.Messaging.Tests.Webhooks;

public sealed class WebhookDedupeTests
{
    [Fact]
    public async Task A_redelivered_event_is_handled_once()
    {
        var store = new InMemoryLineWebhookEventStore();
        var first = WebhookParsingTests.Parse(WebhookExamples.Body(WebhookExamples.TextEvent("01AAA")));
        var redelivery = WebhookParsingTests.Parse(WebhookExamples.Body(WebhookExamples.TextEvent("01AAA", isRedelivery: true), WebhookExamples.TextEvent("01BBB")));

        var handledFirst = await store.DeduplicateAsync(first.Events);
        var handledSecond = await store.DeduplicateAsync(redelivery.Events);

        handledFirst.Select(e => e.WebhookEventId).ShouldBe(["01AAA"]);
        redelivery.Events[0].IsRedelivery.ShouldBeTrue();
        handledSecond.Select(e => e.WebhookEventId).ShouldBe(["01BBB"]);
    }

    [Fact]
    public async Task A_redelivery_never_seen_before_is_handled()
    {
        var store = new InMemoryLineWebhookEventStore();
        var payload = WebhookParsingTests.Parse(WebhookExamples.Body(WebhookExamples.TextEvent("01CCC", isRedelivery: true)));

        (await store.DeduplicateAsync(payload.Events)).ShouldHaveSingleItem().IsRedelivery.ShouldBeTrue();
    }

    [Fact]
    public async Task Duplicates_within_one_request_are_left_out_and_order_is_kept()
    {
        var store = new InMemoryLineWebhookEventStore();
        var payload = WebhookParsingTests.Parse(WebhookExamples.Body(
            WebhookExamples.TextEvent("01A"), WebhookExamples.TextEvent("01B"), WebhookExamples.TextEvent("01A"), WebhookExamples.TextEvent("01C")));

        (await store.DeduplicateAsync(payload.Events)).Select(e => e.WebhookEventId).ShouldBe(["01A", "01B", "01C"]);
    }

    [Fact]
    public async Task With_no_duplicates_the_events_are_returned_as_they_are()
    {
        var store = new InMemoryLineWebhookEventStore();
        var payload = WebhookParsingTests.Parse(WebhookExamples.Body(WebhookExamples.TextEvent("01A"), WebhookExamples.TextEvent("01B")));

        (await store.DeduplicateAsync(payload.Events)).ShouldBeSameAs(payload.Events);
    }

    [Fact]
    public async Task An_event_without_an_id_cannot_be_deduplicated_and_is_kept()
    {
        var store = new InMemoryLineWebhookEventStore();
        var payload = WebhookParsingTests.Parse(WebhookExamples.Body("""{"type":"unfollow","mode":"active","timestamp":1}"""));

        (await store.DeduplicateAsync(payload.Events)).Count.ShouldBe(1);
        (await store.DeduplicateAsync(payload.Events)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_store_is_bounded_and_forgets_the_oldest_first()
    {
        var store = new InMemoryLineWebhookEventStore(capacity: 3);

        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            (await store.TryMarkAsync(id)).ShouldBeTrue();
        }

        store.Count.ShouldBe(3);
        (await store.TryMarkAsync("b")).ShouldBeFalse();
        (await store.TryMarkAsync("d")).ShouldBeFalse();
        (await store.TryMarkAsync("a")).ShouldBeTrue("a was the oldest and was forgotten");
    }

    [Fact]
    public async Task Ids_expire_after_the_retention()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryLineWebhookEventStore(retention: TimeSpan.FromHours(1), timeProvider: time);
        (await store.TryMarkAsync("a")).ShouldBeTrue();
        time.Advance(TimeSpan.FromMinutes(30));
        (await store.TryMarkAsync("b")).ShouldBeTrue();

        time.Advance(TimeSpan.FromMinutes(59));
        (await store.TryMarkAsync("a")).ShouldBeTrue("a expired");
        (await store.TryMarkAsync("b")).ShouldBeFalse("b has a minute left");
        time.Advance(TimeSpan.FromMinutes(2));
        store.Count.ShouldBe(1);
        (await store.TryMarkAsync("a")).ShouldBeFalse("a was marked again and remembered anew");
    }

    [Fact]
    public async Task Of_concurrent_marks_of_one_id_exactly_one_wins()
    {
        var store = new InMemoryLineWebhookEventStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await store.TryMarkAsync("same"))));

        results.Count(r => r).ShouldBe(1);
    }

    [Fact]
    public void The_store_refuses_nonsense_limits()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new InMemoryLineWebhookEventStore(capacity: 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new InMemoryLineWebhookEventStore(retention: TimeSpan.Zero));
    }
}
