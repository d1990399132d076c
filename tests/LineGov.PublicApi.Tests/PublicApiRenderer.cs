using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace LineGov.PublicApi.Tests;

/// <summary>
/// Renders the public surface of an assembly (every public and protected type and member) as C#-like text, one line
/// per member, sorted so that the output depends only on the API: namespace, type full name, then member kind,
/// name and signature (enum values by value). Reference types carry their nullability (<c>string?</c> vs
/// <c>string</c>); parameters their modifiers and defaults; types and members the attributes that change how
/// callers may use them (<c>[Flags]</c>, <c>[Obsolete]</c>, nullable-flow attributes...).
/// </summary>
/// <remarks>
/// Left out: internal and private members, explicit interface implementations, and the plumbing the compiler
/// adds to records (<c>EqualityContract</c>, <c>PrintMembers</c>, <c>&lt;Clone&gt;$</c>). The members a record
/// synthesizes that callers use (<c>Equals</c>, <c>==</c>, <c>Deconstruct</c>, <c>init</c> accessors...) are
/// rendered like hand-written ones. Nullability of base types and of constraint types is not rendered.
/// </remarks>
internal sealed class PublicApiRenderer
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private const string Indent = "    ";

    // Attributes that change what a caller may do or what the compiler tells them. Everything else is an
    // implementation detail (or already rendered as syntax: readonly, record, params, init, required...).
    private static readonly HashSet<string> RenderedAttributes = new(StringComparer.Ordinal)
    {
        "System.AttributeUsageAttribute",
        "System.FlagsAttribute",
        "System.ObsoleteAttribute",
        "System.ComponentModel.EditorBrowsableAttribute",
        "System.Diagnostics.CodeAnalysis.AllowNullAttribute",
        "System.Diagnostics.CodeAnalysis.DisallowNullAttribute",
        "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute",
        "System.Diagnostics.CodeAnalysis.DoesNotReturnIfAttribute",
        "System.Diagnostics.CodeAnalysis.ExperimentalAttribute",
        "System.Diagnostics.CodeAnalysis.MaybeNullAttribute",
        "System.Diagnostics.CodeAnalysis.MaybeNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.MemberNotNullAttribute",
        "System.Diagnostics.CodeAnalysis.MemberNotNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullIfNotNullAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute",
        "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
        "System.Diagnostics.CodeAnalysis.UnscopedRefAttribute",
        "System.Runtime.CompilerServices.CallerArgumentExpressionAttribute",
        "System.Runtime.CompilerServices.CallerFilePathAttribute",
        "System.Runtime.CompilerServices.CallerLineNumberAttribute",
        "System.Runtime.CompilerServices.CallerMemberNameAttribute",
        "System.Runtime.CompilerServices.EnumeratorCancellationAttribute",
        "System.Runtime.CompilerServices.OverloadResolutionPriorityAttribute",
    };

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(char)] = "char",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Addition"] = "+", ["op_Subtraction"] = "-", ["op_Multiply"] = "*", ["op_Division"] = "/",
        ["op_Modulus"] = "%", ["op_UnaryPlus"] = "+", ["op_UnaryNegation"] = "-", ["op_LogicalNot"] = "!",
        ["op_OnesComplement"] = "~", ["op_Increment"] = "++", ["op_Decrement"] = "--", ["op_True"] = "true",
        ["op_False"] = "false", ["op_BitwiseAnd"] = "&", ["op_BitwiseOr"] = "|", ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<", ["op_RightShift"] = ">>", ["op_UnsignedRightShift"] = ">>>",
        ["op_Equality"] = "==", ["op_Inequality"] = "!=", ["op_LessThan"] = "<", ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=", ["op_GreaterThanOrEqual"] = ">=",
        ["op_CheckedAddition"] = "checked +", ["op_CheckedSubtraction"] = "checked -",
        ["op_CheckedMultiply"] = "checked *", ["op_CheckedDivision"] = "checked /",
        ["op_CheckedUnaryNegation"] = "checked -", ["op_CheckedIncrement"] = "checked ++",
        ["op_CheckedDecrement"] = "checked --",
    };

    // Not thread-safe, hence one per renderer.
    private readonly NullabilityInfoContext _nullability = new();

    private enum MemberKind
    {
        Field,
        Constructor,
        Property,
        Event,
        Method,
        Operator,
    }

    /// <summary>Renders <paramref name="assembly"/>'s public API: LF line endings, one trailing newline.</summary>
    public static string Render(Assembly assembly) => new PublicApiRenderer().RenderAssembly(assembly);

    /// <summary>The types a caller outside the assembly can name: public, and protected ones nested in unsealed types.</summary>
    public static IEnumerable<Type> VisibleTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => IsVisible(t) && !IsUnspeakable(t.Name));

    public string RenderAssembly(Assembly assembly)
    {
        var text = new StringBuilder();
        text.Append("// Public API of ").Append(assembly.GetName().Name).Append('\n');
        text.Append("// Generated by tests/LineGov.PublicApi.Tests: do not edit, regenerate with LINEGOV_UPDATE_API=1.\n");

        var namespaces = VisibleTypes(assembly)
            .GroupBy(t => t.Namespace ?? string.Empty)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            text.Append('\n').Append("namespace ").Append(ns.Key.Length == 0 ? "<global>" : ns.Key).Append('\n');
            foreach (var type in ns.OrderBy(t => RelativeName(t, declaration: false), StringComparer.Ordinal))
            {
                text.Append('\n');
                foreach (var line in RenderType(type))
                {
                    text.Append(line).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The header line of <paramref name="type"/> followed by one indented line per visible member.</summary>
    public IReadOnlyList<string> RenderType(Type type)
    {
        List<string> lines = [TypeHeader(type)];
        if (IsDelegate(type))
        {
            return lines;
        }

        if (type.IsEnum)
        {
            var values = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Field: f, Value: f.GetRawConstantValue()!))
                .OrderBy(f => f.Value, Comparer<object>.Default)
                .ThenBy(f => f.Field.Name, StringComparer.Ordinal);
            lines.AddRange(values.Select(f =>
                Indent + Attributes(f.Field) + f.Field.Name + " = " + Literal(f.Value, f.Value.GetType()) + ","));
            return lines;
        }

        var members = new List<(MemberKind Kind, string Name, string Line)>();
        foreach (var member in type.GetMembers(Declared))
        {
            if (Describe(member) is { } rendered)
            {
                members.Add(rendered);
            }
        }

        lines.AddRange(members
            .OrderBy(m => m.Kind)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Line, StringComparer.Ordinal)
            .Select(m => Indent + m.Line));
        return lines;
    }

    /// <summary>
    /// The snapshot line of one member (without indentation), or <see langword="null"/> if it is not part of the
    /// public API (not visible, compiler plumbing, accessor, nested type).
    /// </summary>
    public string? RenderMember(MemberInfo member) => Describe(member)?.Line;

    /// <summary>A type as it is written in a signature: <c>System.Collections.Generic.IReadOnlyList&lt;string?&gt;</c>.</summary>
    public static string TypeName(Type type) => new PublicApiRenderer().RenderTypeName(type, null, new Annotations());

    private (MemberKind Kind, string Name, string Line)? Describe(MemberInfo member)
    {
        if (IsUnspeakable(member.Name) || member.DeclaringType is not { } type)
        {
            return null;
        }

        switch (member)
        {
            case FieldInfo field when IsVisible(field) && !field.IsSpecialName:
                return (MemberKind.Field, field.Name, Field(field));
            case ConstructorInfo constructor when !constructor.IsStatic && IsVisible(constructor):
                return (MemberKind.Constructor, constructor.Name, Constructor(constructor));
            case PropertyInfo property when IsVisible(property) && !IsRecordPlumbing(property):
                return (MemberKind.Property, property.Name, Property(property));
            case EventInfo @event when @event.AddMethod is { } add && IsVisible(add):
                return (MemberKind.Event, @event.Name, Event(@event));
            case MethodInfo method when IsVisible(method) && !IsRecordPlumbing(method) && !IsDelegate(type):
                if (method.IsSpecialName && method.Name.StartsWith("op_", StringComparison.Ordinal))
                {
                    return (MemberKind.Operator, method.Name, Method(method));
                }

                return method.IsSpecialName ? null : (MemberKind.Method, method.Name, Method(method));
            default:
                return null;
        }
    }

    private string TypeHeader(Type type)
    {
        var line = new StringBuilder();
        line.Append(Attributes(type)).Append(Accessibility(type));

        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            line.Append("delegate ")
                .Append(ReturnType(invoke)).Append(' ')
                .Append(RelativeName(type, declaration: true))
                .Append('(').Append(Parameters(invoke)).Append(')')
                .Append(Constraints(OwnGenericParameters(type)))
                .Append(';');
            return line.ToString();
        }

        if (type.IsInterface)
        {
            line.Append("interface ");
        }
        else if (type.IsEnum)
        {
            line.Append("enum ");
        }
        else if (type.IsValueType)
        {
            line.Append(HasAttribute(type, "System.Runtime.CompilerServices.IsReadOnlyAttribute") ? "readonly " : string.Empty)
                .Append(type.IsByRefLike ? "ref " : string.Empty)
                .Append(IsRecordStruct(type) ? "record struct " : "struct ");
        }
        else
        {
            line.Append(type switch
            {
                { IsAbstract: true, IsSealed: true } => "static ",
                { IsAbstract: true } => "abstract ",
                { IsSealed: true } => "sealed ",
                _ => string.Empty,
            });
            line.Append(IsRecordClass(type) ? "record " : "class ");
        }

        line.Append(RelativeName(type, declaration: true));

        List<string> bases = [];
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            if (underlying != typeof(int))
            {
                bases.Add(TypeName(underlying));
            }
        }
        else
        {
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
            {
                bases.Add(TypeName(baseType));
            }

            bases.AddRange(type.GetInterfaces()
                .Where(IsVisible)
                .Select(TypeName)
                .Order(StringComparer.Ordinal));
        }

        if (bases.Count > 0)
        {
            line.Append(" : ").AppendJoin(", ", bases);
        }

        line.Append(Constraints(OwnGenericParameters(type)));
        return line.ToString();
    }

    // A nested type's own generic parameters are the ones after its declaring types' parameters.
    private static IEnumerable<Type> OwnGenericParameters(Type type) =>
        type.GetGenericArguments().Skip(type.DeclaringType?.GetGenericArguments().Length ?? 0);

    private string Field(FieldInfo field)
    {
        var line = new StringBuilder();
        line.Append(Attributes(field)).Append(Accessibility(field));
        if (field.IsLiteral)
        {
            line.Append("const ");
        }
        else
        {
            line.Append(field.IsStatic ? "static " : string.Empty)
                .Append(field.IsInitOnly ? "readonly " : string.Empty)
                .Append(HasAttribute(field, "System.Runtime.CompilerServices.RequiredMemberAttribute") ? "required " : string.Empty);
        }

        line.Append(RenderTypeName(field.FieldType, _nullability.Create(field), Annotations.Of(field)))
            .Append(' ').Append(field.Name);
        if (field.IsLiteral)
        {
            line.Append(" = ").Append(Literal(field.GetRawConstantValue(), field.FieldType));
        }

        return line.Append(';').ToString();
    }

    private string Constructor(ConstructorInfo constructor) =>
        Attributes(constructor) + Accessibility(constructor)
        + RelativeName(constructor.DeclaringType!, declaration: false, withTypeArguments: false).Split('.')[^1]
        + "(" + Parameters(constructor) + ");";

    private string Property(PropertyInfo property)
    {
        var getter = property.GetMethod is { } g && IsVisible(g) ? g : null;
        var setter = property.SetMethod is { } s && IsVisible(s) ? s : null;

        // The property is as visible as its most visible accessor; modifiers (static, virtual...) come from it.
        var main = getter is null || (setter is not null && Rank(setter) > Rank(getter)) ? setter! : getter;
        var inInterface = property.DeclaringType!.IsInterface;

        var line = new StringBuilder();
        line.Append(Attributes(property))
            .Append(inInterface ? string.Empty : Accessibility(main))
            .Append(Modifiers(main))
            .Append(HasAttribute(property, "System.Runtime.CompilerServices.RequiredMemberAttribute") ? "required " : string.Empty);

        var nullability = _nullability.Create(property);
        var state = getter is null ? nullability.WriteState : nullability.ReadState;
        var type = property.PropertyType;
        if (type.IsByRef)
        {
            line.Append(getter is not null && HasAttribute(getter.ReturnParameter, "System.Runtime.CompilerServices.IsReadOnlyAttribute")
                ? "ref readonly "
                : "ref ");
        }

        line.Append(RenderTypeName(type, nullability, Annotations.Of(property), state)).Append(' ');

        var indexParameters = property.GetIndexParameters();
        if (indexParameters.Length > 0)
        {
            line.Append("this[").Append(Parameters(main, indexParameters)).Append(']');
        }
        else
        {
            line.Append(property.Name);
        }

        line.Append(" { ");
        if (getter is not null)
        {
            line.Append(Rank(getter) < Rank(main) ? Accessibility(getter) : string.Empty).Append("get; ");
        }

        if (setter is not null)
        {
            line.Append(Rank(setter) < Rank(main) ? Accessibility(setter) : string.Empty)
                .Append(IsInitOnly(setter) ? "init; " : "set; ");
        }

        return line.Append('}').ToString();
    }

    private string Event(EventInfo @event)
    {
        var add = @event.AddMethod!;
        return Attributes(@event)
            + (@event.DeclaringType!.IsInterface ? string.Empty : Accessibility(add))
            + Modifiers(add)
            + "event "
            + RenderTypeName(@event.EventHandlerType!, _nullability.Create(@event), Annotations.Of(@event))
            + " " + @event.Name + ";";
    }

    private string Method(MethodInfo method)
    {
        var line = new StringBuilder();
        line.Append(Attributes(method)).Append(Attributes(method.ReturnParameter, "return: "));
        if (!method.DeclaringType!.IsInterface)
        {
            line.Append(Accessibility(method));
        }

        line.Append(Modifiers(method));

        if (method.Name is "op_Implicit" or "op_Explicit")
        {
            line.Append(method.Name == "op_Implicit" ? "implicit operator " : "explicit operator ")
                .Append(ReturnType(method));
        }
        else
        {
            line.Append(ReturnType(method)).Append(' ');
            if (method.IsSpecialName && Operators.TryGetValue(method.Name, out var op))
            {
                line.Append("operator ").Append(op);
            }
            else
            {
                line.Append(method.Name);
            }
        }

        if (method.IsGenericMethodDefinition)
        {
            line.Append('<').AppendJoin(", ", method.GetGenericArguments().Select(a => a.Name)).Append('>');
        }

        line.Append('(').Append(Parameters(method)).Append(')');
        if (method.IsGenericMethodDefinition)
        {
            line.Append(Constraints(method.GetGenericArguments()));
        }

        return line.Append(';').ToString();
    }

    private string ReturnType(MethodInfo method)
    {
        var parameter = method.ReturnParameter;
        var prefix = string.Empty;
        if (parameter.ParameterType.IsByRef)
        {
            prefix = HasAttribute(parameter, "System.Runtime.CompilerServices.IsReadOnlyAttribute") ? "ref readonly " : "ref ";
        }

        var nullability = parameter.ParameterType == typeof(void) ? null : _nullability.Create(parameter);
        return prefix + RenderTypeName(parameter.ParameterType, nullability, Annotations.Of(parameter));
    }

    private string Parameters(MethodBase method, ParameterInfo[]? parameters = null)
    {
        parameters ??= method.GetParameters();
        var isExtension = method.IsStatic && HasAttribute(method, "System.Runtime.CompilerServices.ExtensionAttribute");
        return string.Join(", ", parameters.Select((p, i) => Parameter(p, isExtension && i == 0)));
    }

    private string Parameter(ParameterInfo parameter, bool isThis)
    {
        var line = new StringBuilder();
        line.Append(Attributes(parameter)).Append(isThis ? "this " : string.Empty);

        if (HasAttribute(parameter, "System.Runtime.CompilerServices.ScopedRefAttribute"))
        {
            line.Append("scoped ");
        }

        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            line.Append(parameter switch
            {
                { IsOut: true, IsIn: false } => "out ",
                _ when HasAttribute(parameter, "System.Runtime.CompilerServices.RequiresLocationAttribute") => "ref readonly ",
                _ when HasAttribute(parameter, "System.Runtime.CompilerServices.IsReadOnlyAttribute") => "in ",
                _ => "ref ",
            });
        }

        if (HasAttribute(parameter, "System.ParamArrayAttribute")
            || HasAttribute(parameter, "System.Runtime.CompilerServices.ParamCollectionAttribute"))
        {
            line.Append("params ");
        }

        line.Append(RenderTypeName(type, _nullability.Create(parameter), Annotations.Of(parameter)))
            .Append(' ').Append(parameter.Name);

        if (parameter.HasDefaultValue)
        {
            line.Append(" = ").Append(DefaultValue(parameter.DefaultValue, type.IsByRef ? type.GetElementType()! : type));
        }

        return line.ToString();
    }

    private static string DefaultValue(object? value, Type type)
    {
        if (value is null or DBNull or Missing)
        {
            return type.IsGenericParameter || (type.IsValueType && Nullable.GetUnderlyingType(type) is null) ? "default" : "null";
        }

        return Literal(value, Nullable.GetUnderlyingType(type) ?? type);
    }

    private string Constraints(IEnumerable<Type> genericParameters)
    {
        var text = new StringBuilder();
        foreach (var parameter in genericParameters)
        {
            List<string> constraints = [];
            var attributes = parameter.GenericParameterAttributes;
            var nullable = NullableFlag(parameter);
            var isStruct = attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint);

            if (isStruct)
            {
                constraints.Add(HasAttribute(parameter, "System.Runtime.CompilerServices.IsUnmanagedAttribute") ? "unmanaged" : "struct");
            }
            else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                constraints.Add(nullable == 2 ? "class?" : "class");
            }
            else if (nullable == 1 && parameter.GetGenericParameterConstraints().All(c => c.IsInterface))
            {
                constraints.Add("notnull");
            }

            constraints.AddRange(parameter.GetGenericParameterConstraints()
                .Where(c => c != typeof(ValueType))
                .Select(TypeName));

            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !isStruct)
            {
                constraints.Add("new()");
            }

            if (attributes.HasFlag(GenericParameterAttributes.AllowByRefLike))
            {
                constraints.Add("allows ref struct");
            }

            if (constraints.Count > 0)
            {
                text.Append(" where ").Append(parameter.Name).Append(" : ").AppendJoin(", ", constraints);
            }
        }

        return text.ToString();
    }

    // The NullableAttribute byte of a generic parameter (1: not null, 2: nullable), falling back to the
    // NullableContextAttribute of the method or the types around it.
    private static byte NullableFlag(Type genericParameter)
    {
        static byte? Flag(IEnumerable<CustomAttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => a.AttributeType.FullName == name) is { } a
                ? a.ConstructorArguments[0].Value switch
                {
                    byte b => b,
                    IReadOnlyCollection<CustomAttributeTypedArgument> bytes => (byte)bytes.First().Value!,
                    _ => null,
                }
                : null;

        if (Flag(genericParameter.GetCustomAttributesData(), "System.Runtime.CompilerServices.NullableAttribute") is { } own)
        {
            return own;
        }

        for (MemberInfo? scope = (MemberInfo?)genericParameter.DeclaringMethod ?? genericParameter.DeclaringType;
             scope is not null;
             scope = scope.DeclaringType)
        {
            if (Flag(scope.GetCustomAttributesData(), "System.Runtime.CompilerServices.NullableContextAttribute") is { } context)
            {
                return context;
            }
        }

        return 0;
    }

    // Nullability of reference types comes from NullabilityInfoContext. Type parameters are the exception: for a
    // plain `T` it reports what T may be instantiated with (T? when unconstrained), not how T is written, so their
    // annotation is read from the NullableAttribute bytes, walked in the same order as NullabilityInfoContext does.
    private string RenderTypeName(Type type, NullabilityInfo? nullability, Annotations annotations, NullabilityState? state = null)
    {
        state ??= nullability?.ReadState;

        if (type.IsByRef || type.IsPointer)
        {
            // The same NullabilityInfo describes the element.
            var element = RenderTypeName(type.GetElementType()!, nullability, annotations, state);
            return type.IsPointer ? element + "*" : element;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            // NullabilityInfo of T? describes T's own type arguments.
            return RenderTypeName(underlying, nullability, annotations) + "?";
        }

        var annotation = !type.IsValueType || type.IsGenericType ? annotations.NextNullable() : (byte)0;
        var mark = state == NullabilityState.Nullable ? "?" : string.Empty;

        if (type.IsArray)
        {
            return RenderTypeName(type.GetElementType()!, nullability?.ElementType, annotations)
                + "[" + new string(',', type.GetArrayRank() - 1) + "]" + mark;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + (annotation == 2 ? "?" : string.Empty);
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + (type.IsValueType ? string.Empty : mark);
        }

        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        var argumentInfos = nullability?.GenericTypeArguments;

        if (IsTuple(type))
        {
            // Tuple element names are listed depth-first, a tuple's own names before those of tuples inside it.
            var elementNames = arguments.Select(_ => annotations.NextTupleName()).ToArray();
            var elements = arguments.Select((a, i) =>
                RenderTypeName(a, argumentInfos?.ElementAtOrDefault(i), annotations) + (elementNames[i] is { } n ? " " + n : string.Empty));
            return "(" + string.Join(", ", elements) + ")";
        }

        var rendered = arguments.Select((a, i) => RenderTypeName(a, argumentInfos?.ElementAtOrDefault(i), annotations)).ToArray();
        return QualifiedName(type, rendered) + (type.IsValueType ? string.Empty : mark);
    }

    private static string QualifiedName(Type type, string[] renderedArguments)
    {
        var ns = type.Namespace is { Length: > 0 } n ? n + "." : string.Empty;
        return ns + NestedName(type, renderedArguments);
    }

    // Outer<T>.Inner<U>: each type in the nesting chain takes its own share of the generic arguments.
    private static string NestedName(Type type, IReadOnlyList<string> arguments)
    {
        var chain = new List<Type>();
        for (Type? t = type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        var parts = new List<string>();
        var index = 0;
        foreach (var t in chain)
        {
            var name = t.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            if (tick >= 0)
            {
                var count = int.Parse(name.AsSpan(tick + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                name = name[..tick];
                if (arguments.Count >= index + count)
                {
                    name += "<" + string.Join(", ", arguments.Skip(index).Take(count)) + ">";
                }

                index += count;
            }

            parts.Add(name);
        }

        return string.Join(".", parts);
    }

    // The name of a type inside its namespace: Outer.Inner<T>, with variance (in/out) when declaring it.
    private static string RelativeName(Type type, bool declaration = false, bool withTypeArguments = true)
    {
        var arguments = withTypeArguments
            ? type.GetGenericArguments().Select(a => (declaration ? Variance(a) : string.Empty) + a.Name).ToArray()
            : [];
        return NestedName(type, arguments);
    }

    private static string Variance(Type genericParameter) =>
        (genericParameter.GenericParameterAttributes & GenericParameterAttributes.VarianceMask) switch
        {
            GenericParameterAttributes.Covariant => "out ",
            GenericParameterAttributes.Contravariant => "in ",
            _ => string.Empty,
        };

    private static string Modifiers(MethodInfo method)
    {
        if (method.DeclaringType!.IsInterface)
        {
            return method switch
            {
                { IsStatic: true, IsAbstract: true } => "static abstract ",
                { IsStatic: true, IsVirtual: true } => "static virtual ",
                { IsStatic: true } => "static ",
                _ => string.Empty,
            };
        }

        var isOverride = method.IsVirtual && (method.Attributes & MethodAttributes.VtableLayoutMask) == MethodAttributes.ReuseSlot;
        return method switch
        {
            { IsStatic: true } => "static ",
            { IsAbstract: true } => isOverride ? "abstract override " : "abstract ",
            { IsVirtual: true, IsFinal: false } => isOverride ? "override " : "virtual ",
            { IsVirtual: true, IsFinal: true } when isOverride => "sealed override ",
            _ => string.Empty, // not virtual, or a sealed (non-virtual in C#) interface implementation
        };
    }

    private static string Accessibility(Type type) => type switch
    {
        { IsPublic: true } or { IsNestedPublic: true } => "public ",
        { IsNestedFamORAssem: true } => "protected internal ",
        _ => "protected ",
    };

    private static string Accessibility(MemberInfo member) => Rank(member) switch
    {
        3 => "public ",
        2 => "protected internal ",
        1 => "protected ",
        _ => "internal ",
    };

    // 3 public, 2 protected internal, 1 protected, 0 invisible from outside the assembly.
    private static int Rank(MemberInfo member)
    {
        var (isPublic, isFamily, isFamilyOrAssembly) = member switch
        {
            MethodBase m => (m.IsPublic, m.IsFamily, m.IsFamilyOrAssembly),
            FieldInfo f => (f.IsPublic, f.IsFamily, f.IsFamilyOrAssembly),
            _ => (false, false, false),
        };
        return isPublic ? 3 : isFamilyOrAssembly ? 2 : isFamily ? 1 : 0;
    }

    private static bool IsVisible(Type type)
    {
        if (!type.IsNested)
        {
            return type.IsPublic;
        }

        var declaring = type.DeclaringType!;
        return IsVisible(declaring) && !IsUnspeakable(declaring.Name)
            && (type.IsNestedPublic || ((type.IsNestedFamily || type.IsNestedFamORAssem) && !declaring.IsSealed));
    }

    private static bool IsVisible(MemberInfo member)
    {
        switch (member)
        {
            case PropertyInfo property:
                return (property.GetMethod is { } g && IsVisible(g)) || (property.SetMethod is { } s && IsVisible(s));
            case EventInfo @event:
                return @event.AddMethod is { } add && IsVisible(add);
            default:
                var rank = Rank(member);
                return rank == 3 || (rank > 0 && !member.DeclaringType!.IsSealed);
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers()
            .Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static bool IsUnspeakable(string name) => name.Contains('<', StringComparison.Ordinal);

    private static bool IsDelegate(Type type) => type.IsSubclassOf(typeof(MulticastDelegate));

    private static bool IsTuple(Type type) =>
        type.IsGenericType && type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal)
        && type.GetGenericArguments().Length < 8;

    private static bool IsRecordClass(Type type) => type.GetMethod("<Clone>$", Declared) is not null;

    // Record structs have no <Clone>$; they are the structs with a synthesized PrintMembers(StringBuilder).
    private static bool IsRecordStruct(Type type) =>
        type.GetMethod("PrintMembers", Declared, [typeof(StringBuilder)]) is not null;

    private static bool IsRecordPlumbing(MemberInfo member) =>
        member.Name is "EqualityContract" or "PrintMembers"
        && HasAttribute(member, "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private static bool HasAttribute(MemberInfo member, string fullName) =>
        member.CustomAttributes.Any(a => a.AttributeType.FullName == fullName);

    private static bool HasAttribute(ParameterInfo parameter, string fullName) =>
        parameter.CustomAttributes.Any(a => a.AttributeType.FullName == fullName);

    private static string Attributes(MemberInfo member) => Attributes(member.CustomAttributes, string.Empty);

    private static string Attributes(ParameterInfo parameter, string target = "") => Attributes(parameter.CustomAttributes, target);

    private static string Attributes(IEnumerable<CustomAttributeData> attributes, string target)
    {
        var rendered = attributes
            .Where(a => RenderedAttributes.Contains(a.AttributeType.FullName!) && !IsCompilerObsolete(a))
            .Select(a => "[" + target + Attribute(a) + "]")
            .Order(StringComparer.Ordinal)
            .ToList();
        return rendered.Count == 0 ? string.Empty : string.Concat(rendered.Select(r => r + " "));
    }

    // The compiler marks constructors of types with required members, and ref structs, [Obsolete(error: true)] for
    // compilers that predate those features; that is not an API decision.
    private static bool IsCompilerObsolete(CustomAttributeData attribute) =>
        attribute.AttributeType == typeof(ObsoleteAttribute)
        && attribute.ConstructorArguments.FirstOrDefault().Value is string message
        && message.Contains("are not supported in this version of your compiler", StringComparison.Ordinal);

    private static string Attribute(CustomAttributeData attribute)
    {
        var name = TypeName(attribute.AttributeType);
        name = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        var arguments = attribute.ConstructorArguments.Select(Argument)
            .Concat(attribute.NamedArguments.Select(a => a.MemberName + " = " + Argument(a.TypedValue)))
            .ToList();
        return arguments.Count == 0 ? name : name + "(" + string.Join(", ", arguments) + ")";
    }

    private static string Argument(CustomAttributeTypedArgument argument) => argument.Value switch
    {
        IReadOnlyCollection<CustomAttributeTypedArgument> items =>
            "new " + TypeName(argument.ArgumentType) + " { " + string.Join(", ", items.Select(Argument)) + " }",
        Type type => "typeof(" + TypeName(type) + ")",
        var value => Literal(value, argument.ArgumentType),
    };

    /// <summary>A constant as C# source: <c>"text"</c>, <c>'\u3000'</c>, <c>1.5F</c>, <c>System.IO.FileMode.Create</c>...</summary>
    public static string Literal(object? value, Type type)
    {
        if (value is null)
        {
            return "null";
        }

        if (type.IsEnum)
        {
            return EnumLiteral(type, value);
        }

        return value switch
        {
            string s => Quote(s, '"'),
            char c => Quote(c.ToString(), '\''),
            bool b => b ? "true" : "false",
            float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) + "F" : "float." + FloatName(f),
            double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) + "D" : "double." + FloatName(d),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
    }

    private static string FloatName(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "PositiveInfinity" : "NegativeInfinity";

    private static string EnumLiteral(Type enumType, object value)
    {
        var typed = Enum.ToObject(enumType, value);
        var typeName = TypeName(enumType);
        if (Enum.GetName(enumType, typed) is { } name)
        {
            return typeName + "." + name;
        }

        var text = typed.ToString()!;
        if (enumType.IsDefined(typeof(FlagsAttribute), inherit: false) && !char.IsAsciiDigit(text[0]) && text[0] != '-')
        {
            return string.Join(" | ", text.Split(", ").Select(n => typeName + "." + n));
        }

        var raw = Convert.ChangeType(typed, Enum.GetUnderlyingType(enumType), CultureInfo.InvariantCulture);
        return "(" + typeName + ")" + Literal(raw, raw.GetType());
    }

    private static string Quote(string text, char quote)
    {
        var result = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    result.Append(@"\\");
                    break;
                case '\n':
                    result.Append(@"\n");
                    break;
                case '\r':
                    result.Append(@"\r");
                    break;
                case '\t':
                    result.Append(@"\t");
                    break;
                case '\0':
                    result.Append(@"\0");
                    break;
                case var q when q == quote:
                    result.Append('\\').Append(c);
                    break;
                // Invisible characters (controls, U+3000 and other spaces, BOM) are escaped so the snapshot shows
                // them; other text (Japanese included) is kept as is.
                case var i when char.IsControl(i) || (char.IsWhiteSpace(i) && i != ' ') || i == '\uFEFF':
                    result.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.Append(quote).ToString();
    }

    /// <summary>
    /// Tuple element names and NullableAttribute bytes of one parameter, property, field, event or return value,
    /// consumed in the order the compiler wrote them (depth-first).
    /// </summary>
    private sealed class Annotations
    {
        private readonly IList<string?>? _tupleNames;
        private readonly byte[]? _nullable;
        private readonly byte _context;
        private int _nextName;
        private int _nextNullable;

        public Annotations()
        {
        }

        private Annotations(ICustomAttributeProvider element, IList<CustomAttributeData> attributes, MemberInfo? scope)
        {
            _tupleNames = element.GetCustomAttributes(typeof(TupleElementNamesAttribute), inherit: false)
                .OfType<TupleElementNamesAttribute>().FirstOrDefault()?.TransformNames;
            _nullable = attributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableAttribute") is { } n
                ? n.ConstructorArguments[0].Value switch
                {
                    byte b => [b],
                    IReadOnlyCollection<CustomAttributeTypedArgument> bytes => [.. bytes.Select(x => (byte)x.Value!)],
                    _ => null,
                }
                : null;
            for (; scope is not null; scope = scope.DeclaringType)
            {
                if (scope.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableContextAttribute") is { } c)
                {
                    _context = (byte)c.ConstructorArguments[0].Value!;
                    break;
                }
            }
        }

        public static Annotations Of(ParameterInfo parameter) => new(parameter, parameter.GetCustomAttributesData(), parameter.Member);

        public static Annotations Of(MemberInfo member) => new(member, member.GetCustomAttributesData(), member);

        public string? NextTupleName() => _tupleNames is not null && _nextName < _tupleNames.Count ? _tupleNames[_nextName++] : null;

        /// <summary>0 oblivious, 1 not annotated, 2 annotated (<c>?</c>).</summary>
        public byte NextNullable()
        {
            var index = _nextNullable++;
            return _nullable switch
            {
                [var all] => all,
                { } bytes when index < bytes.Length => bytes[index],
                _ => _context,
            };
        }
    }
}
