using System.Reflection;

namespace LineGov.PublicApi.Tests;

/// <summary>
/// The API conventions of STYLE.md ("Client types", "Tests"), each a function from a set of public types to the
/// offending members, rendered as in the API snapshot. <c>home</c> is the assembly the types ship in: members that
/// override or implement something declared elsewhere keep that shape and are not judged.
/// </summary>
internal static class ApiConventions
{
    public const string CancellationTokenName = "cancellationToken";

    /// <summary>Output models by name: expected outcomes the library hands back, never mutated by callers.</summary>
    public static readonly string[] ResultModelSuffixes = ["Result", "Status", "Failure", "Applicant", "Redemption", "Element"];

    public static readonly string[] ResultModelPrefixes = ["JpkiVerified"];

    /// <summary>
    /// The only types that may have public <c>set</c> or <c>init</c> accessors even when they are result models or
    /// records returned by the API, each with the reason.
    /// </summary>
    public static readonly (string Suffix, string Reason)[] SetterExemptions =
    [
        ("Options", "options are plain settable property bags, set in code or bound from configuration and validated when the client is built (STYLE.md, Client types)"),
        ("Policy", "policies are records of the caller's choices; callers make one with init or `with` from the safe default (STYLE.md, X.509)"),
    ];

    /// <summary>Public service classes are mocked by deriving from them (STYLE.md: service methods are virtual).</summary>
    public static readonly string[] ServiceSuffixes = ["Validator", "Verifier", "Service", "Client"];

    /// <summary>
    /// The framework namespaces a package may add extension classes to, and the suffix such classes carry: DI
    /// registration (found by IntelliSense on IServiceCollection) and endpoint mapping (on IEndpointRouteBuilder, as
    /// ASP.NET Core's own MapXxx methods are).
    /// </summary>
    public static readonly (string Namespace, string ClassSuffix)[] ExtensionNamespaces =
    [
        ("Microsoft.Extensions.DependencyInjection", "ServiceCollectionExtensions"),
        ("Microsoft.AspNetCore.Builder", "EndpointRouteBuilderExtensions"),
    ];

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>*Async methods returning Task, ValueTask (generic or not) or IAsyncEnumerable without a CancellationToken.</summary>
    public static IReadOnlyList<string> AsyncMethodsWithoutCancellationToken(IEnumerable<Type> types, Assembly home) =>
        Sorted(VisibleMethods(types)
            .OfType<MethodInfo>()
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && IsAwaitable(m.ReturnType))
            .Where(m => !IsExternalContract(m, home))
            .Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .Select(m => Describe(m)));

    /// <summary>CancellationToken parameters that are not last, not named cancellationToken, or (on public methods) have no default.</summary>
    public static IReadOnlyList<string> MisplacedCancellationTokens(IEnumerable<Type> types, Assembly home)
    {
        var offenders = new List<string>();
        foreach (var method in VisibleMethods(types).Where(m => !IsExternalContract(m, home)))
        {
            var parameters = method.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                if (parameter.ParameterType != typeof(CancellationToken))
                {
                    continue;
                }

                List<string> problems = [];
                if (i != parameters.Length - 1)
                {
                    problems.Add("is not the last parameter");
                }

                if (parameter.Name != CancellationTokenName)
                {
                    problems.Add($"is named `{parameter.Name}`, not `{CancellationTokenName}`");
                }

                // Constructors and delegates are exempt from the default: a delegate's caller is the library, which
                // always passes a token; a constructor taking one is unusual enough to be judged on its own.
                if (method is MethodInfo && method.IsPublic && !IsDelegate(method.DeclaringType!) && !parameter.HasDefaultValue)
                {
                    problems.Add("has no default value (`= default`)");
                }

                if (problems.Count > 0)
                {
                    offenders.Add($"{Describe(method)} — the CancellationToken {string.Join(", ", problems)}");
                }
            }
        }

        return Sorted(offenders);
    }

    /// <summary>
    /// Public <c>set</c>/<c>init</c> accessors and writable public fields on result models (by name) and on records
    /// the API returns, except on the <see cref="SetterExemptions"/>.
    /// </summary>
    public static IReadOnlyList<string> PublicSettersOnResultModels(IReadOnlyCollection<Type> types, Assembly home)
    {
        var outputRecords = OutputRecords(types, home);
        var offenders = new List<string>();
        foreach (var type in types.Where(t => !t.IsEnum && !t.IsInterface && !IsDelegate(t) && !IsSetterExempt(t)))
        {
            List<string> reasons = [];
            if (ResultModelSuffixes.FirstOrDefault(s => SimpleName(type).EndsWith(s, StringComparison.Ordinal)) is { } suffix)
            {
                reasons.Add($"*{suffix} result model");
            }

            if (ResultModelPrefixes.FirstOrDefault(p => SimpleName(type).StartsWith(p, StringComparison.Ordinal)) is { } prefix)
            {
                reasons.Add($"{prefix}* result model");
            }

            if (outputRecords.Contains(type))
            {
                reasons.Add("record returned by the API");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            var why = string.Join(", ", reasons);
            foreach (var property in type.GetProperties(Declared))
            {
                if (property.SetMethod is { IsPublic: true } setter)
                {
                    offenders.Add($"{Describe(property)} — public {(IsInitOnly(setter) ? "init" : "set")} ({why})");
                }
            }

            foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic && !f.IsLiteral && !f.IsInitOnly))
            {
                offenders.Add($"{Describe(field)} — writable public field ({why})");
            }
        }

        return Sorted(offenders);
    }

    /// <summary>Public Task/ValueTask instance methods of unsealed *Validator/*Verifier/*Service/*Client classes that cannot be overridden.</summary>
    public static IReadOnlyList<string> NonVirtualServiceMethods(IEnumerable<Type> types, Assembly home) =>
        Sorted(types
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !IsDelegate(t))
            .Where(t => ServiceSuffixes.Any(s => SimpleName(t).EndsWith(s, StringComparison.Ordinal)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && IsTaskLike(m.ReturnType) && !IsExternalContract(m, home))
            .Where(m => !m.IsVirtual || m.IsFinal)
            .Select(m => $"{Describe(m)} — not virtual"));

    /// <summary>Types outside <paramref name="package"/>'s namespace (and not the extension classes of <see cref="ExtensionNamespaces"/>).</summary>
    public static IReadOnlyList<string> TypesOutsidePackageNamespace(IEnumerable<Type> types, string package) =>
        Sorted(types
            .Where(t =>
            {
                var ns = t.Namespace ?? string.Empty;
                var inPackage = ns == package || ns.StartsWith(package + ".", StringComparison.Ordinal);
                var isExtension = Array.Exists(ExtensionNamespaces, e =>
                    ns == e.Namespace && SimpleName(t).EndsWith(e.ClassSuffix, StringComparison.Ordinal));
                return !inPackage && !isExtension;
            })
            .Select(t => $"{PublicApiRenderer.TypeName(t)} (namespace `{t.Namespace ?? "<global>"}`)"));

    private static List<string> Sorted(IEnumerable<string> offenders) =>
        [.. offenders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Describe(MemberInfo member) =>
        $"{PublicApiRenderer.TypeName(member.DeclaringType!)}: {new PublicApiRenderer().RenderMember(member) ?? member.ToString()}";

    /// <summary>Methods and constructors a caller outside the package can call or override.</summary>
    private static IEnumerable<MethodBase> VisibleMethods(IEnumerable<Type> types) =>
        types.SelectMany(type =>
            type.GetMethods(Declared)
                .Where(m => !IsDelegate(type) || m.Name == "Invoke") // BeginInvoke/EndInvoke are runtime plumbing
                .Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Cast<MethodBase>()
                .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(m => m.IsPublic || ((m.IsFamily || m.IsFamilyOrAssembly) && !type.IsSealed)));

    /// <summary>
    /// Overrides and implicit implementations of members declared outside <paramref name="home"/> (DisposeAsync,
    /// DelegatingHandler.SendAsync, BackgroundService.ExecuteAsync...): their shape is not the package's to choose.
    /// </summary>
    private static bool IsExternalContract(MethodBase method, Assembly home)
    {
        if (method is not MethodInfo m || m.DeclaringType is not { IsInterface: false } type)
        {
            return false;
        }

        if (m.IsVirtual && m.GetBaseDefinition().DeclaringType!.Assembly != home)
        {
            return true;
        }

        return type.GetInterfaces()
            .Where(i => i.Assembly != home)
            .Any(i => type.GetInterfaceMap(i).TargetMethods.Contains(m));
    }

    /// <summary>
    /// Records (classes and structs) of <paramref name="home"/> that the API hands out: return types of methods and
    /// types of properties and fields, looked through Task, collections, Nullable and tuples. A record's members
    /// returning the record itself (Default, Create, the compiler's clone for `with`) and the members of options and
    /// policies do not count: those are how inputs are built.
    /// </summary>
    private static HashSet<Type> OutputRecords(IEnumerable<Type> types, Assembly home)
    {
        var outputs = new HashSet<Type>();
        foreach (var type in types.Where(t => !IsSetterExempt(t)))
        {
            var returned = type.GetMethods(Declared).Where(m => m.IsPublic || m.IsFamily).Select(m => m.ReturnType)
                .Concat(type.GetProperties(Declared).Where(p => p.GetMethod is { } g && (g.IsPublic || g.IsFamily)).Select(p => p.PropertyType))
                .Concat(type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily).Select(f => f.FieldType));

            foreach (var candidate in returned.SelectMany(Unwrap))
            {
                if (candidate.Assembly == home && candidate != type && IsRecord(candidate))
                {
                    outputs.Add(candidate);
                }
            }
        }

        return outputs;
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", Declared) is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", Declared, [typeof(System.Text.StringBuilder)]) is not null);

    private static bool IsSetterExempt(Type type) =>
        SetterExemptions.Any(e => SimpleName(type).EndsWith(e.Suffix, StringComparison.Ordinal));

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers()
            .Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static bool IsTaskLike(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>)));

    private static bool IsAwaitable(Type type) =>
        IsTaskLike(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));

    private static bool IsDelegate(Type type) => type.IsSubclassOf(typeof(MulticastDelegate));

    private static string SimpleName(Type type) =>
        type.Name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? type.Name[..tick] : type.Name;
}
