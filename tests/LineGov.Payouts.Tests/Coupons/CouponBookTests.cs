using System.Text;
using LineGov.Payouts.Coupons;
using Microsoft.Data.Sqlite;

namespace LineGov.Payouts.Tests.Coupons;

public sealed class CouponBookTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCouponStore _store = new();
    private readonly string _secret = CouponBookOptions.CreateSecretKey();
    private string? _directory;

    private CouponBook Book(ICouponStore? store = null, string? secret = null) =>
        new(store ?? _store, new CouponBookOptions { SecretKey = secret ?? _secret, ValidityPeriod = TimeSpan.FromDays(30) }, _time);

    [Fact]
    public async Task An_issued_code_redeems_once_for_its_face_value()
    {
        var book = Book();
        var issued = await book.IssueAsync("prog", "H001", 20_000, "prog:H001:1");

        var first = await book.RedeemAsync(issued.Code.ToDisplayString(), "shop-1");
        var second = await book.RedeemAsync(issued.Code, "shop-2");

        issued.Created.ShouldBeTrue();
        issued.Coupon.ExpiresAt.ShouldBe(FakeTimeProvider.Start.AddDays(30));
        first.Outcome.ShouldBe(CouponRedeemOutcome.Redeemed);
        first.FaceValue.ShouldBe(20_000);
        first.RedeemedBy.ShouldBe("shop-1");
        second.Outcome.ShouldBe(CouponRedeemOutcome.AlreadyRedeemed);
        second.RedeemedBy.ShouldBe("shop-1");
    }

    [Fact]
    public async Task Issuing_again_with_the_same_key_returns_the_same_coupon_and_code()
    {
        var book = Book();
        var first = await book.IssueAsync("prog", "H001", 20_000, "prog:H001:1");
        _time.Advance(TimeSpan.FromHours(1));

        var again = await Book().IssueAsync("prog", "H001", 20_000, "prog:H001:1");

        again.Created.ShouldBeFalse();
        again.Coupon.Id.ShouldBe(first.Coupon.Id);
        again.Code.ShouldBe(first.Code);
        _store.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_for_another_amount_is_a_conflict()
    {
        var book = Book();
        await book.IssueAsync("prog", "H001", 20_000, "prog:H001:1");

        var ex = await Should.ThrowAsync<CouponIssueConflictException>(async () => await book.IssueAsync("prog", "H001", 30_000, "prog:H001:1"));
        ex.Message.ShouldNotContain("H001");
    }

    [Fact]
    public async Task A_book_with_another_secret_key_neither_finds_codes_nor_reissues_them()
    {
        var issued = await Book().IssueAsync("prog", "H001", 20_000, "prog:H001:1");
        var stranger = Book(secret: CouponBookOptions.CreateSecretKey());

        (await stranger.RedeemAsync(issued.Code, "shop-1")).Outcome.ShouldBe(CouponRedeemOutcome.NotFound);
        await Should.ThrowAsync<InvalidOperationException>(async () => await stranger.IssueAsync("prog", "H001", 20_000, "prog:H001:1"));
    }

    [Fact]
    public async Task Typed_text_is_normalised_and_a_typo_is_an_invalid_code_not_an_unknown_one()
    {
        var book = Book();
        var issued = await book.IssueAsync("prog", "H001", 5_000, "prog:H001:1");
        var display = issued.Code.ToDisplayString();
        var typo = (display[0] == 'A' ? 'B' : 'A') + display[1..];

        var mistyped = await book.RedeemAsync(typo, "shop-1");
        var typed = await book.RedeemAsync(" " + display.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "shop-1");

        mistyped.Outcome.ShouldBe(CouponRedeemOutcome.InvalidCode);
        mistyped.FormatError.ShouldBe(CouponFormatError.WrongCheckCharacter);
        typed.Outcome.ShouldBe(CouponRedeemOutcome.Redeemed);
    }

    [Fact]
    public async Task A_valid_code_that_was_never_issued_is_not_found() =>
        (await Book().RedeemAsync(CouponCode.Generate(), "shop-1")).Outcome.ShouldBe(CouponRedeemOutcome.NotFound);

    [Fact]
    public async Task A_coupon_expires_at_its_expiry_instant()
    {
        var book = Book();
        var early = await book.IssueAsync("prog", "H001", 5_000, "k1");
        var late = await book.IssueAsync("prog", "H002", 5_000, "k2");

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromTicks(1));
        (await book.RedeemAsync(early.Code, "shop-1")).Outcome.ShouldBe(CouponRedeemOutcome.Redeemed);
        _time.Advance(TimeSpan.FromTicks(1));
        var expired = await book.RedeemAsync(late.Code, "shop-1");

        expired.Outcome.ShouldBe(CouponRedeemOutcome.Expired);
        expired.Coupon!.StateAt(_time.GetUtcNow()).ShouldBe(CouponState.Expired);
        (await book.ExpireDueAsync()).ShouldBe(1);
        (await book.FindAsync(late.Code))!.State.ShouldBe(CouponState.Expired);
    }

    [Fact]
    public async Task An_explicit_expiry_wins_and_must_be_in_the_future()
    {
        var book = Book();
        var at = FakeTimeProvider.Start.AddDays(3);

        (await book.IssueAsync("prog", "H001", 5_000, "k1", at)).Coupon.ExpiresAt.ShouldBe(at);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await book.IssueAsync("prog", "H001", 5_000, "k2", FakeTimeProvider.Start));
    }

    [Fact]
    public async Task A_lost_code_is_replaced_by_voiding_and_issuing_anew()
    {
        var book = Book();
        var lost = await book.IssueAsync("prog", "H001", 5_000, "prog:H001:1");

        (await book.VoidAsync(lost.Coupon.Id)).Outcome.ShouldBe(CouponVoidOutcome.Voided);
        var replacement = await book.IssueAsync("prog", "H001", 5_000, "prog:H001:2");

        replacement.Code.ShouldNotBe(lost.Code);
        (await book.RedeemAsync(lost.Code, "shop-1")).Outcome.ShouldBe(CouponRedeemOutcome.Voided);
        (await book.RedeemAsync(replacement.Code, "shop-1")).Outcome.ShouldBe(CouponRedeemOutcome.Redeemed);
        (await book.FindByIdAsync(lost.Coupon.Id))!.VoidedAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task The_store_holds_neither_the_code_nor_an_unkeyed_hash_of_it()
    {
        _directory = Directory.CreateTempSubdirectory("linegov-coupons-").FullName;
        var path = Path.Combine(_directory, "coupons.db");
        var issued = await Book(new SqliteCouponStore(path)).IssueAsync("prog", "H001", 5_000, "prog:H001:1");
        SqliteConnection.ClearAllPools();

        var compact = issued.Code.ToCompactString();
        var unkeyed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(compact)));
        var bytes = Directory.GetFiles(_directory).SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.ASCII.GetString(bytes);

        text.ShouldNotContain(compact);
        text.ShouldNotContain(compact[..16]);
        text.ShouldNotContain(unkeyed);
        text.ShouldContain(issued.Coupon.CodeHash);
    }

    [Fact]
    public async Task Results_and_coupons_print_no_code_and_no_beneficiary()
    {
        var book = Book();
        var issued = await book.IssueAsync("prog", "H001-SECRET", 5_000, "prog:H001-SECRET:1");
        var redemption = await book.RedeemAsync(issued.Code, "shop-1");
        var compact = issued.Code.ToCompactString();

        foreach (var text in new[] { issued.ToString(), issued.Coupon.ToString(), redemption.ToString(), issued.Code.ToString() })
        {
            text.ShouldNotContain(compact[..6]);
            text.ShouldNotContain(issued.Code.ToDisplayString()[..4]);
            text.ShouldNotContain("H001-SECRET");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all!")]
    public void A_missing_short_or_malformed_secret_key_is_refused_without_echoing_it(string? secret)
    {
        var ex = Should.Throw<ArgumentException>(() => new CouponBook(_store, new CouponBookOptions { SecretKey = secret }));

        ex.ParamName.ShouldBe("SecretKey");
        if (!string.IsNullOrEmpty(secret))
        {
            ex.Message.ShouldNotContain(secret);
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(33)]
    public void A_code_length_below_80_bits_is_refused(int length) =>
        Should.Throw<ArgumentException>(() => new CouponBook(_store, new CouponBookOptions { SecretKey = _secret, CodeLength = length }));

    [Fact]
    public async Task Longer_codes_are_issued_when_configured()
    {
        var book = new CouponBook(_store, new CouponBookOptions { SecretKey = _secret, CodeLength = 20 }, _time);

        (await book.IssueAsync("prog", "H001", 5_000, "k")).Code.Length.ShouldBe(20);
    }

    [Fact]
    public async Task Fifty_concurrent_redemptions_through_two_books_on_one_SQLite_file_have_one_winner()
    {
        _directory = Directory.CreateTempSubdirectory("linegov-coupons-").FullName;
        var path = Path.Combine(_directory, "coupons.db");
        var books = new[] { Book(new SqliteCouponStore(path)), Book(new SqliteCouponStore(path)) };
        var issued = await books[0].IssueAsync("prog", "H001", 5_000, "k");

        var results = await Concurrently.RunAsync(50, i => books[i % 2].RedeemAsync(issued.Code.ToDisplayString(), $"terminal-{i}"));

        results.Count(r => r.Outcome == CouponRedeemOutcome.Redeemed).ShouldBe(1);
        results.Count(r => r.Outcome == CouponRedeemOutcome.AlreadyRedeemed).ShouldBe(49);
    }

    public void Dispose()
    {
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
