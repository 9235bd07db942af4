using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Sipas;

namespace SipasSurvey.Tests.Domain;

/// <summary>Worked examples: small tables whose figures were computed by hand (docs/domain.md §4).</summary>
public sealed class SipasFiguresTests
{
    private static QuestionnaireDefinition Sipas() =>
        QuestionnaireParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "questionnaires", "sipas-2023.json")), "sipas").Definition!;

    [Fact]
    public void Wilson_interval_for_8_of_10_is_49_02_to_94_33_percent()
    {
        var (low, high) = Wilson.Interval(8, 10)!.Value;

        Assert.Equal(49.016, low, 2);
        Assert.Equal(94.331, high, 2);
    }

    [Fact]
    public void Wilson_interval_stays_inside_0_and_100_at_the_extremes()
    {
        var (low0, high0) = Wilson.Interval(0, 5)!.Value;
        var (low5, high5) = Wilson.Interval(5, 5)!.Value;

        Assert.Equal(0, low0, 9);
        Assert.Equal(43.45, high0, 2);   // 3.8415 / (5 + 3.8415)
        Assert.Equal(56.55, low5, 2);
        Assert.Equal(100, high5, 9);
        Assert.Null(Wilson.Interval(0, 0));
    }

    [Fact]
    public void Item_component_and_service_figures_follow_the_sipas_formulas()
    {
        var definition = Sipas();
        var counts = new long[19, 5];
        void Set(string item, params long[] n) { for (var v = 0; v < 5; v++) counts[definition.FindItem(item)!.Index, v] = n[v]; }
        // TIEP_CAN: TC1 6/10 satisfied, TC2 10/10, TC3 4/10, TC4 never answered (blank everywhere).
        Set("TC1", 1, 1, 2, 3, 3);
        Set("TC2", 0, 0, 0, 5, 5);
        Set("TC3", 2, 2, 2, 2, 2);
        // THU_TUC: TT1 3 of 4 satisfied, the rest blank.
        Set("TT1", 0, 1, 0, 0, 3);

        var figures = SipasFigures.ForVersion(definition, counts, responses: 10);

        var items = figures.Items.ToDictionary(i => i.Id);
        Assert.Equal(60.0, items["TC1"].Rate);
        Assert.Equal(100.0, items["TC2"].Rate);
        Assert.Equal(40.0, items["TC3"].Rate);
        Assert.Null(items["TC4"].Rate);
        Assert.Equal(75.0, items["TT1"].Rate);
        Assert.Equal(3.6, items["TC1"].MeanScore!.Value, 10);            // (1 + 2 + 6 + 12 + 15) / 10
        var components = figures.Components.ToDictionary(c => c.Id);
        Assert.Equal(200.0 / 3, components["TIEP_CAN"].Index!.Value, 10); // mean of 60, 100, 40: TC4 has no answers
        Assert.Equal(75.0, components["THU_TUC"].Index);
        Assert.Null(components["CONG_CHUC"].Index);
        Assert.Equal((200.0 / 3 + 75.0) / 2, figures.ServiceIndex!.Value, 10); // components present: 70,83…%
        Assert.Equal(100.0 * 7 / 34, figures.DissatisfiedShare!.Value, 10);    // answers 1–2: TC1 2, TC3 4, TT1 1 = 7 of 34
    }

    [Fact]
    public void Versions_are_combined_only_at_component_level_weighted_by_responses()
    {
        var a = new VersionFigures("sipas-2023@1", 30, [], [new ComponentFigure("CONG_CHUC", 80, 90, 72), new ComponentFigure("TIEP_CAN", 70, 60, 42)], 75, 4.1, 5, 150, 114, 8);
        var b = new VersionFigures("hn-mau-02@1", 10, [], [new ComponentFigure("CONG_CHUC", 60, 30, 18)], 60, 3.8, 10, 50, 18, 5);

        var combined = SipasFigures.Combine([a, b]);

        var components = combined.Components.ToDictionary(c => c.Id);
        Assert.Equal(75.0, components["CONG_CHUC"].Index);        // (80×30 + 60×10) / 40
        Assert.Equal(70.0, components["TIEP_CAN"].Index);         // only version a has it
        Assert.Equal(71.25, combined.ServiceIndex);               // (75×30 + 60×10) / 40
        Assert.Equal(40, combined.Responses);
        Assert.Equal(100.0 * 13 / 200, combined.DissatisfiedShare); // pooled answers: 8 + 5 of 150 + 50
    }

    [Fact]
    public void Equal_values_share_a_rank_and_the_next_rank_skips()
    {
        var units = new (string Name, double? Value)[] { ("B", 85), ("A", 90), ("C", 85), ("E", null), ("D", 80) };

        var ranked = Ranking.Rank(units, u => u.Value);

        Assert.Equal([("A", 1), ("B", 2), ("C", 2), ("D", 4), ("E", (int?)null)], ranked.Select(r => (r.Unit.Name, r.Rank)));
    }

    [Fact]
    public void Indices_equal_up_to_rounding_noise_still_tie()
    {
        var units = new (string Name, double? Value)[] { ("A", 200.0 / 3), ("B", (100.0 + 100.0 / 3) / 2) };

        var ranked = Ranking.Rank(units, u => u.Value);

        Assert.All(ranked, r => Assert.Equal(1, r.Rank));
    }
}
