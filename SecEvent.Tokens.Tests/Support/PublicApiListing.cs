using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>
/// Writes an assembly's public surface as sorted text, one member a line, so that a checked-in listing
/// (<c>PublicAPI.txt</c> beside the project) shows every change to it in review.
/// </summary>
public static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The listing of an assembly.</summary>
    public static string Of(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var typeLine = $"{Kind(type)} {Name(type)}{Bases(type)}";
            lines.Add(typeLine);
            lines.AddRange(Members(type).Order(StringComparer.Ordinal).Select(m => $"{Name(type)}: {m}"));
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// Compares the listing with the checked-in file; with <c>SECEVENT_UPDATE_API=1</c> rewrites the file instead.
    /// Returns the differences, empty when none.
    /// </summary>
    public static string Compare(Assembly assembly, string listingPath)
    {
        var actual = Of(assembly);
        if (Environment.GetEnvironmentVariable("SECEVENT_UPDATE_API") == "1")
        {
            File.WriteAllText(listingPath, actual);
            return "";
        }

        var expected = File.Exists(listingPath) ? File.ReadAllText(listingPath).ReplaceLineEndings("\n") : "";
        var before = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var diff = new StringBuilder();
        foreach (var line in after.Except(before).Order(StringComparer.Ordinal))
        {
            diff.Append("+ ").AppendLine(line);
        }

        foreach (var line in before.Except(after).Order(StringComparer.Ordinal))
        {
            diff.Append("- ").AppendLine(line);
        }

        return diff.ToString();
    }

    /// <summary>The file beside a project in the clone, found by walking up from the test binaries.</summary>
    public static string PathInRepository(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.slnx").Any())
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new DirectoryNotFoundException("The solution folder was not found above the test binaries.");
    }

    private static IEnumerable<string> Members(Type type)
    {
        foreach (var member in type.GetMembers(Declared))
        {
            if (!IsVisible(member) || member.Name.Contains('<', StringComparison.Ordinal) || member.Name == "EqualityContract"
                || member.IsDefined(typeof(CompilerGeneratedAttribute)))
            {
                continue;
            }

            var text = member switch
            {
                ConstructorInfo c => $"{(c.IsStatic ? "static " : "")}.ctor({Parameters(c)})",
                MethodInfo m when m.IsSpecialName && !m.Name.StartsWith("op_", StringComparison.Ordinal) => null,
                MethodInfo m => $"{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{Generics(m)}({Parameters(m)})",
                PropertyInfo p => $"{Static(p.GetMethod ?? p.SetMethod)}{Name(p.PropertyType)} {p.Name} {{ {Accessors(p)}}}",
                FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? $" = {f.GetRawConstantValue()}" : "")}",
                EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };

            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => new[] { p.GetMethod, p.SetMethod }.Any(a => a is not null && IsVisible(a)),
        EventInfo e => e.AddMethod is not null && IsVisible(e.AddMethod),
        _ => false,
    };

    private static string Accessors(PropertyInfo p)
    {
        var text = new StringBuilder();
        if (p.GetMethod is { } get && IsVisible(get))
        {
            text.Append("get; ");
        }

        if (p.SetMethod is { } set && IsVisible(set))
        {
            var init = set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m == typeof(IsExternalInit));
            text.Append(init ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Static(MethodInfo? accessor) => accessor is { IsStatic: true } ? "static " : "";

    private static string Modifiers(MethodInfo m) =>
        (m.IsStatic ? "static " : "") + (m.IsFamily || m.IsFamilyOrAssembly ? "protected " : "")
        + (m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? "virtual " : m.GetBaseDefinition() != m ? "override " : "");

    private static string Generics(MethodInfo m) =>
        m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase m) =>
        string.Join(", ", m.GetParameters().Select(p =>
            $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : "")}"));

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        _ when type.IsSubclassOf(typeof(Delegate)) => "delegate",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && b != typeof(MulticastDelegate))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }

        var name = type.IsGenericParameter ? type.Name : type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name.Replace('+', '.');
        }

        var definition = (type.GetGenericTypeDefinition().FullName ?? type.Name).Split('`')[0];
        return $"{definition.Replace('+', '.')}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
