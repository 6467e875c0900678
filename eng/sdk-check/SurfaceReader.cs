using System.Reflection;
using System.Text;

namespace CreditOS.SdkCheck;

/// <summary>Describes the public (and protected) surface of types as comparable strings.</summary>
internal static class SurfaceReader
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static bool IsVisible(Type type) =>
        type.IsPublic || (type.IsNestedPublic && type.DeclaringType is { } outer && IsVisible(outer))
        || (type.IsNestedFamily && type.DeclaringType is { } owner && IsVisible(owner));

    public static string Header(Type type)
    {
        var text = new StringBuilder();
        text.Append(Kind(type));
        if (type.IsClass && type.IsAbstract && type.IsSealed) text.Append(" static");
        else if (type.IsClass && type.IsSealed && !IsDelegate(type)) text.Append(" sealed");
        else if (type.IsClass && type.IsAbstract) text.Append(" abstract");
        if (type.IsEnum) text.Append(" : ").Append(Name(Enum.GetUnderlyingType(type)));
        else if (type.BaseType is { } baseType && type.IsClass && !IsDelegate(type)) text.Append(" : ").Append(Name(baseType));
        foreach (var constraint in GenericConstraints(type)) text.Append(' ').Append(constraint);
        if (type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.AttributeUsageAttribute") is { } usage)
        {
            text.Append(" [AttributeUsage(").Append(string.Join(", ", usage.ConstructorArguments.Select(a => a.Value)
                .Concat(usage.NamedArguments.Select(a => a.MemberName + "=" + a.TypedValue.Value)))).Append(")]");
        }

        return text.ToString();
    }

    /// <summary>Interfaces the type adds to those of its base type (framework bases differ between net462 and net10.0).</summary>
    public static SortedSet<string> Interfaces(Type type)
    {
        var inherited = type.BaseType?.GetInterfaces().Select(Name).ToHashSet(StringComparer.Ordinal) ?? [];
        return new(type.GetInterfaces().Where(IsVisible).Select(Name).Where(i => !inherited.Contains(i)), StringComparer.Ordinal);
    }

    /// <summary>Member key (name and parameter types) mapped to its full signature.</summary>
    public static SortedDictionary<string, string> Members(Type type)
    {
        var members = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            members["Invoke" + Parameters(invoke.GetParameters(), withNames: false)] = Method(invoke);
            return members;
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            if (type.IsEnum && field.IsSpecialName) continue;
            var value = field.IsLiteral ? " = " + Convert.ToString(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
            var modifiers = (field.IsStatic && !field.IsLiteral ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
            members["F:" + field.Name] = Access(field.IsPublic) + modifiers + Name(field.FieldType) + " " + field.Name + value;
        }

        foreach (var ctor in type.GetConstructors(Declared).Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly))
        {
            if (ctor.IsStatic) continue;
            members[".ctor" + Parameters(ctor.GetParameters(), withNames: false)] =
                Access(ctor.IsPublic) + ".ctor" + Parameters(ctor.GetParameters(), withNames: true);
        }

        foreach (var method in type.GetMethods(Declared).Where(IsVisibleMethod))
        {
            if (method.IsSpecialName && (method.Name.StartsWith("get_", StringComparison.Ordinal)
                || method.Name.StartsWith("set_", StringComparison.Ordinal)
                || method.Name.StartsWith("add_", StringComparison.Ordinal)
                || method.Name.StartsWith("remove_", StringComparison.Ordinal))) continue;
            var arity = method.IsGenericMethodDefinition ? "``" + method.GetGenericArguments().Length : string.Empty;
            members["M:" + method.Name + arity + Parameters(method.GetParameters(), withNames: false)] = Method(method);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var getter = property.GetMethod is { } g && IsVisibleMethod(g) ? g : null;
            var setter = property.SetMethod is { } s && IsVisibleMethod(s) ? s : null;
            if (getter is null && setter is null) continue;
            var accessors = (getter is null ? string.Empty : Access(getter.IsPublic) + "get; ")
                + (setter is null ? string.Empty : Access(setter.IsPublic) + "set; ");
            var index = property.GetIndexParameters();
            var key = "P:" + property.Name + (index.Length == 0 ? string.Empty : Parameters(index, withNames: false));
            members[key] = Modifiers(getter ?? setter!) + Name(property.PropertyType) + " " + property.Name
                + (index.Length == 0 ? string.Empty : Parameters(index, withNames: true)) + " { " + accessors + "}";
        }

        foreach (var evt in type.GetEvents(Declared))
        {
            if (evt.AddMethod is not { } add || !IsVisibleMethod(add)) continue;
            members["E:" + evt.Name] = Modifiers(add) + "event " + Name(evt.EventHandlerType!) + " " + evt.Name;
        }

        foreach (var nested in type.GetNestedTypes(Declared).Where(IsVisible))
        {
            members["T:" + nested.Name] = "nested " + Header(nested);
        }

        return members;
    }

    public static string Name(Type type)
    {
        if (type.IsGenericParameter) return type.Name;
        if (type.IsByRef) return Name(type.GetElementType()!) + "&";
        if (type.IsArray) return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsPointer) return Name(type.GetElementType()!) + "*";
        var prefix = type.IsNested ? Name(type.DeclaringType!) + "+" : (string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".");
        if (!type.IsGenericType) return prefix + type.Name;
        var own = type.GetGenericArguments();
        var outerCount = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        var shown = own.Skip(outerCount).ToArray();
        var baseName = type.Name;
        return shown.Length == 0 ? prefix + baseName : prefix + baseName + "<" + string.Join(",", shown.Select(Name)) + ">";
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : IsDelegate(type) ? "delegate" : "class";

    private static bool IsDelegate(Type type) => type.BaseType?.FullName == "System.MulticastDelegate";

    private static bool IsVisibleMethod(MethodInfo method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(bool isPublic) => isPublic ? string.Empty : "protected ";

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic) return Access(method.IsPublic) + "static ";
        if (method.IsAbstract && !method.DeclaringType!.IsInterface) return Access(method.IsPublic) + "abstract ";
        if (method.IsVirtual && !method.IsFinal && !method.DeclaringType!.IsInterface)
        {
            var isOverride = !method.Attributes.HasFlag(MethodAttributes.NewSlot);
            return Access(method.IsPublic) + (isOverride ? "override " : "virtual ");
        }

        return Access(method.IsPublic);
    }

    private static string Method(MethodInfo method)
    {
        var generic = method.IsGenericMethodDefinition
            ? "<" + string.Join(",", method.GetGenericArguments().Select(a => a.Name)) + ">" + string.Concat(method.GetGenericArguments().SelectMany(GenericConstraints).Select(c => " " + c))
            : string.Empty;
        return Modifiers(method) + Name(method.ReturnType) + " " + method.Name + generic + Parameters(method.GetParameters(), withNames: true);
    }

    private static string Parameters(ParameterInfo[] parameters, bool withNames) =>
        "(" + string.Join(", ", parameters.Select(p => Parameter(p, withNames))) + ")";

    private static string Parameter(ParameterInfo parameter, bool withNames)
    {
        var direction = parameter.ParameterType.IsByRef ? (parameter.IsOut ? "out " : "ref ") : string.Empty;
        var isParams = withNames && parameter.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.ParamArrayAttribute") ? "params " : string.Empty;
        var type = Name(parameter.ParameterType);
        if (!withNames) return direction + type;
        var defaultValue = parameter.HasDefaultValue ? " = " + (parameter.RawDefaultValue?.ToString() ?? "null") : string.Empty;
        return isParams + direction + type + " " + parameter.Name + defaultValue;
    }

    private static IEnumerable<string> GenericConstraints(Type type)
    {
        if (!type.IsGenericTypeDefinition && !type.IsGenericParameter && !type.ContainsGenericParameters) yield break;
        var arguments = type.IsGenericParameter ? [type] : type.GetGenericArguments();
        foreach (var argument in arguments.Where(a => a.IsGenericParameter))
        {
            var parts = new List<string>();
            var attributes = argument.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint)) parts.Add("class");
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add("struct");
            parts.AddRange(argument.GetGenericParameterConstraints().Select(Name).Where(n => n != "System.ValueType"));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add("new()");
            if (parts.Count > 0) yield return "where " + argument.Name + " : " + string.Join(", ", parts);
        }
    }
}
