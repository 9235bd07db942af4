using System.Text.RegularExpressions;
using NetArchTest.Rules;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Start (Program.cs, the verbs) → Features → Domain / Infrastructure / Web.
/// Domain knows nothing of ours; Infrastructure is I/O and knows no feature and no page; Web speaks
/// HTTP and HTML for everyone and knows no feature; only Infrastructure names an engine's types.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Types Service = Types.InAssembly(typeof(Program).Assembly);

    private const string Domain = "SipasSurvey.Domain";
    private const string Infrastructure = "SipasSurvey.Infrastructure";
    private const string Web = "SipasSurvey.Web";
    private const string Features = "SipasSurvey.Features";
    private const string Start = "SipasSurvey.Start";

    [Fact]
    public void Domain_depends_on_nothing_of_ours() =>
        Holds(Service.That().ResideInNamespace(Domain).ShouldNot().HaveDependencyOnAny(Infrastructure, Web, Features, Start));

    [Fact]
    public void Infrastructure_depends_on_no_feature_no_page_and_no_start_up() =>
        Holds(Service.That().ResideInNamespace(Infrastructure).ShouldNot().HaveDependencyOnAny(Web, Features, Start));

    [Fact]
    public void Web_depends_on_no_feature_and_no_start_up() =>
        Holds(Service.That().ResideInNamespace(Web).ShouldNot().HaveDependencyOnAny(Features, Start));

    [Fact]
    public void Features_never_reach_back_to_start_up() =>
        Holds(Service.That().ResideInNamespace(Features).ShouldNot().HaveDependencyOn(Start));

    [Fact]
    public void Only_infrastructure_names_a_database_engine() =>
        Holds(Service.That().DoNotResideInNamespace(Infrastructure).ShouldNot().HaveDependencyOnAny("Microsoft.Data.Sqlite", "Npgsql", "SQLitePCL"));

    /// <summary>Nothing is public but the entry point the test host needs: the service is an application, not a library.</summary>
    [Fact]
    public void Types_are_internal_by_default() =>
        Holds(Service.That().AreNotNested().And().DoNotHaveName(nameof(Program)).And().DoNotResideInNamespaceStartingWith("Microsoft")
            .And().DoNotResideInNamespaceStartingWith("System").ShouldNot().BePublic());

    /// <summary>A class is sealed unless something derives from it.</summary>
    [Fact]
    public void Classes_are_sealed_unless_they_are_a_base()
    {
        var all = typeof(Program).Assembly.GetTypes();
        var bases = all.Select(t => t.BaseType?.IsGenericType == true ? t.BaseType.GetGenericTypeDefinition() : t.BaseType).ToHashSet();
        var open = all.Where(t => t is { IsClass: true, IsSealed: false, IsAbstract: false } && t.Namespace?.StartsWith("SipasSurvey", StringComparison.Ordinal) == true
                                  && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false) && !t.Name.Contains('<', StringComparison.Ordinal)
                                  && t != typeof(Program) && !bases.Contains(t))
            .Select(t => t.FullName).ToList();
        Assert.True(open.Count == 0, "Not sealed and derived from by nothing: " + string.Join(", ", open));
    }

    /// <summary>SQL lives in a feature's Data.cs (or a Data/ folder), or in Infrastructure for the engine's own work.</summary>
    [Fact]
    public void Sql_is_written_only_in_data_files()
    {
        var source = Path.Combine(AppProcess.RepositoryRoot, "src", "SipasSurvey");
        var statement = new Regex(@"""[^""]*\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", RegexOptions.IgnoreCase);
        var offenders = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetFileName(f) != "Data.cs" && !f.Contains($"{Path.DirectorySeparatorChar}Data{Path.DirectorySeparatorChar}")
                        && !Path.GetRelativePath(source, f).StartsWith("Infrastructure", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("\"\"\"", StringComparison.Ordinal)
                        ? Regex.IsMatch(File.ReadAllText(f), @"\b(SELECT\s[\s\S]+?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
                        : File.ReadLines(f).Any(line => statement.IsMatch(line)))
            .Select(f => Path.GetRelativePath(source, f)).ToList();
        Assert.True(offenders.Count == 0, "SQL outside a Data.cs file: " + string.Join(", ", offenders));
    }

    private static void Holds(ConditionList condition)
    {
        var result = condition.GetResult();
        Assert.True(result.IsSuccessful, "Breaks the layering: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
