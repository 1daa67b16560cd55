using System.Reflection;
using System.Reflection.Emit;

namespace ProjectRegistry.Tests.Architecture;

/// <summary>
/// Dependencies run one way: pages consume the listing, search, open data, editing, domain and data, and none of
/// those reach back into <c>Pages</c> (issue 23). Read from the compiled web assembly, method bodies included, so a
/// use through a fully qualified name or a global using counts as much as one through a using directive.
/// </summary>
/// <remarks>
/// What reflection cannot see: constants (the compiler copies their value) and <c>nameof</c>. Those leave no
/// reference in the assembly, and so no dependency at run time either.
/// </remarks>
public class LayerTests
{
    private static readonly string[] BelowPages =
    [
        "ProjectRegistry.Web.Search", "ProjectRegistry.Web.Listing", "ProjectRegistry.Web.OpenData",
        "ProjectRegistry.Web.Editing", "ProjectRegistry.Web.Domain", "ProjectRegistry.Web.Data",
    ];

    private const string PagesNamespace = "ProjectRegistry.Web.Pages";

    [Fact]
    public void No_type_below_the_pages_uses_a_type_from_Pages()
    {
        var offenders = PageUses(typeof(Program).Assembly, type => BelowPages.Any(ns => IsIn(type, ns)));

        Assert.True(offenders.Count == 0,
            "These types use types from " + PagesNamespace + ", which depend on them instead (move the shared type out of Pages):\n"
            + string.Join("\n", offenders.Select(o => $"  {o.Key} uses {string.Join(", ", o.Value)}")));
    }

    [Fact]
    public void The_check_sees_a_page_type_in_a_signature_and_in_a_method_body()
    {
        // The check run on this test assembly, with this test's namespace standing in for Pages' users: a test that
        // cannot fail is no test, so it must find both uses below.
        var offenders = PageUses(typeof(LayerTests).Assembly, type => type == typeof(UsesAPageInItsSignature) || type == typeof(UsesAPageInItsBody));

        Assert.Equal(["ProjectRegistry.Web.Pages.IndexModel"], offenders[typeof(UsesAPageInItsSignature).FullName!]);
        Assert.Equal(["ProjectRegistry.Web.Pages.Shared.Pager"], offenders[typeof(UsesAPageInItsBody).FullName!]);
    }

    /// <summary>Each type that <paramref name="checks"/> picks (nested types counted as their outermost type) with the Pages types it uses.</summary>
    private static SortedDictionary<string, SortedSet<string>> PageUses(Assembly assembly, Func<Type, bool> checks)
    {
        var offenders = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (!checks(owner)) continue;
            foreach (var used in UsedBy(type).Select(Outermost).Where(u => IsIn(u, PagesNamespace)))
            {
                var key = owner.FullName!;
                if (!offenders.TryGetValue(key, out var set)) offenders[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(used.FullName!);
            }
        }
        return offenders;
    }

    private static bool IsIn(Type type, string ns) =>
        type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> names: base, interfaces, attributes, members' signatures, and method bodies.</summary>
    private static HashSet<Type> UsedBy(Type type)
    {
        var used = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (!used.Add(t)) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var a in t.GetGenericArguments()) Add(a);
            }
        }
        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
                    if (arg.Value is Type t) Add(t);
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        AddAttributes(type.CustomAttributes);
        foreach (var f in type.GetFields(Declared)) { Add(f.FieldType); AddAttributes(f.CustomAttributes); }
        foreach (var p in type.GetProperties(Declared)) { Add(p.PropertyType); AddAttributes(p.CustomAttributes); }
        foreach (var e in type.GetEvents(Declared)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddAttributes(m.CustomAttributes);
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var member in MembersInBody(m))
            {
                switch (member)
                {
                    case Type t: Add(t); break;
                    case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                    case MethodBase callee:
                        Add(callee.DeclaringType);
                        if (callee is MethodInfo c) { Add(c.ReturnType); foreach (var a in c.GetGenericArguments()) Add(a); }
                        foreach (var p in callee.GetParameters()) Add(p.ParameterType);
                        break;
                }
            }
            if (m.GetMethodBody() is { } body)
            {
                foreach (var local in body.LocalVariables) Add(local.LocalType);
                foreach (var clause in body.ExceptionHandlingClauses)
                    if (clause.Flags == ExceptionHandlingClauseOptions.Clause) Add(clause.CatchType);
            }
        }
        return used;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types, fields and methods a method's IL names through its metadata tokens.</summary>
    private static IEnumerable<MemberInfo> MembersInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    yield return method.Module.ResolveMember(token, typeArguments, methodArguments)!;
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
            }
        }
    }
}

/// <summary>For <see cref="LayerTests"/>' own check: a page named in a signature.</summary>
internal static class UsesAPageInItsSignature
{
    public static string? Of(ProjectRegistry.Web.Pages.IndexModel page) => page?.ToString();
}

/// <summary>For <see cref="LayerTests"/>' own check: a page's type used only inside a lambda, which the compiler moves to a nested type.</summary>
internal static class UsesAPageInItsBody
{
    public static Func<int> PageCount() => () => ProjectRegistry.Web.Pages.Shared.Pager.CountPages(41);
}
