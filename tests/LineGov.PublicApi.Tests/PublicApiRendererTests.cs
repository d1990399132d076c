using LineGov.PublicApi.Tests.Fixtures;

namespace LineGov.PublicApi.Tests;

/// <summary>The renderer on small fixture types, one language feature at a time.</summary>
public sealed class PublicApiRendererTests
{
    private readonly PublicApiRenderer _renderer = new();

    private IReadOnlyList<string> Render(Type type) => [.. _renderer.RenderType(type).Select(l => l.Trim())];

    [Fact]
    public void Class_header_shows_kind_base_type_and_interfaces()
    {
        Render(typeof(FixtureService))[0].ShouldBe(
            "public class FixtureService : LineGov.PublicApi.Tests.Fixtures.FixtureBase, System.IDisposable");
        Render(typeof(FixtureBase))[0].ShouldBe("public abstract class FixtureBase");
        Render(typeof(FixtureExtensions))[0].ShouldBe("public static class FixtureExtensions");
    }

    [Fact]
    public void Nullable_reference_types_are_marked_and_non_nullable_ones_are_not()
    {
        var lines = Render(typeof(FixtureService));
        lines.ShouldContain("public virtual System.Threading.Tasks.ValueTask<string?> FindAsync(string id, System.Threading.CancellationToken cancellationToken = default);");
        lines.ShouldContain("public System.Collections.Generic.IReadOnlyList<string?> Items { get; }");
        lines.ShouldContain("public string[]? Lookup(System.Collections.Generic.Dictionary<string, int?> map);");
    }

    [Fact]
    public void Accessors_show_get_set_init_and_their_own_accessibility()
    {
        var lines = Render(typeof(FixtureService));
        lines.ShouldContain("public string Name { get; init; }");
        lines.ShouldContain("public int Count { get; protected set; }");
        lines.ShouldContain("public required string Key { get; set; }");
    }

    [Fact]
    public void Parameters_show_modifiers_defaults_and_flow_attributes()
    {
        var lines = Render(typeof(FixtureService));
        lines.ShouldContain("public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value);");
        lines.ShouldContain("public void Refs(ref int a, in long b, params string[] rest);");
        lines.ShouldContain("public void Defaults(LineGov.PublicApi.Tests.Fixtures.FixtureFlags flags = LineGov.PublicApi.Tests.Fixtures.FixtureFlags.A | LineGov.PublicApi.Tests.Fixtures.FixtureFlags.B, double ratio = 0.5D, char separator = '\\u3000', string? text = null, System.DateTimeOffset? at = null);");
    }

    [Fact]
    public void Extension_methods_are_marked_this()
    {
        Render(typeof(FixtureExtensions)).ShouldContain(
            "public static string? Shout(this string? text, int times = 3);");
    }

    [Fact]
    public void Virtual_abstract_override_and_static_are_shown()
    {
        var service = Render(typeof(FixtureService));
        service.ShouldContain("protected override void Run();");
        service.ShouldContain("public override int Weight { get; }");
        service.ShouldContain("public static LineGov.PublicApi.Tests.Fixtures.FixtureService Create();");
        service.ShouldContain("public void Dispose();");
        service.ShouldContain("public FixtureService();");
        service.ShouldContain("[System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public FixtureService(string key);");

        var baseType = Render(typeof(FixtureBase));
        baseType.ShouldContain("protected abstract void Run();");
        baseType.ShouldContain("public virtual int Weight { get; }");
        baseType.ShouldContain("protected FixtureBase();");
    }

    [Fact]
    public void Constants_events_tuples_generics_and_obsolete_members_are_rendered()
    {
        var lines = Render(typeof(FixtureService));
        lines.ShouldContain("public const string Header = \"Fixture/1 \\\"quoted\\\"\";");
        lines.ShouldContain("public event System.EventHandler? Changed;");
        lines.ShouldContain("public (string Name, int? Count) Pair();");
        lines.ShouldContain("public void Nested(ref System.Collections.Generic.List<string?>? list, (int A, (string? B, int C) Inner)? pair, System.Collections.Generic.KeyValuePair<string, object?>? entry);");
        lines.ShouldContain("public T? Default<T>(T value = default);");
        lines.ShouldContain("public T Echo<T>(T value) where T : class?;");
        lines.ShouldContain("public TKey First<TKey>(System.Collections.Generic.IEnumerable<TKey> keys) where TKey : notnull;");
        lines.ShouldContain("[System.Obsolete(\"Use FindAsync.\")] public void Old();");
    }

    [Fact]
    public void Records_render_their_synthesized_api_without_compiler_plumbing()
    {
        var record = Render(typeof(FixtureRecord));
        record[0].ShouldBe("public record FixtureRecord : System.IEquatable<LineGov.PublicApi.Tests.Fixtures.FixtureRecord>");
        record.ShouldContain("public string Name { get; init; }");
        record.ShouldContain("public void Deconstruct(out string Name, out int Count);");
        record.ShouldContain("public static bool operator ==(LineGov.PublicApi.Tests.Fixtures.FixtureRecord? left, LineGov.PublicApi.Tests.Fixtures.FixtureRecord? right);");
        record.ShouldNotContain(l => l.Contains("EqualityContract", StringComparison.Ordinal) || l.Contains("PrintMembers", StringComparison.Ordinal) || l.Contains('$', StringComparison.Ordinal));

        Render(typeof(FixtureRecordStruct))[0].ShouldBe(
            "public readonly record struct FixtureRecordStruct : System.IEquatable<LineGov.PublicApi.Tests.Fixtures.FixtureRecordStruct>");
    }

    [Fact]
    public void Enums_delegates_and_interfaces_have_their_own_shapes()
    {
        Render(typeof(FixtureFlags)).ShouldBe(
        [
            "[System.Flags] public enum FixtureFlags : byte",
            "None = 0,",
            "A = 1,",
            "B = 2,",
            "[System.Obsolete(\"Use A.\")] Old = 4,",
        ]);
        Render(typeof(FixtureHandler<>)).ShouldBe(["public delegate void FixtureHandler<in T>(T value, System.Threading.CancellationToken cancellationToken);"]);
        Render(typeof(IFixtureStore<>)).ShouldBe(
        [
            "public interface IFixtureStore<T> where T : notnull",
            "T? Current { get; }",
            "System.Collections.Generic.IAsyncEnumerable<T> ReadAllAsync(System.Threading.CancellationToken cancellationToken = default);",
        ]);
    }

    [Fact]
    public void Rendering_is_deterministic_and_ends_with_one_newline()
    {
        var first = PublicApiRenderer.Render(typeof(FixtureService).Assembly);
        var second = PublicApiRenderer.Render(typeof(FixtureService).Assembly);
        second.ShouldBe(first);
        first.ShouldEndWith("\n");
        first.ShouldNotEndWith("\n\n");
        first.ShouldNotContain("\r");
    }

    [Fact]
    public void Diff_shows_changed_lines_with_the_enclosing_type()
    {
        var diff = LineDiff.Unified(
            "public class A\n    public int X { get; }\n    public int Y { get; }\n",
            "public class A\n    public int X { get; set; }\n    public int Y { get; }\n",
            "old", "new");
        diff.ShouldBe(
            "--- old\n+++ new\n@@ -1,3 +1,3 @@ public class A\n public class A\n-    public int X { get; }\n+    public int X { get; set; }\n     public int Y { get; }\n");
    }
}
