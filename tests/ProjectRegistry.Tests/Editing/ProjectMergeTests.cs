using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Tests.Editing;

/// <summary>The three-way merge of two saves that started from the same version, without the web app.</summary>
public class ProjectMergeTests
{
    private static ProjectInput Base() => new()
    {
        Version = 3, Title = "RegAI", SteeringGroup = "Kommunchefer", Description = "Om AI.", Purpose = "Syfte",
        Contacts = [new ProjectInput.ContactRow { Name = "Anna" }],
        Financiers = [new ProjectInput.FinancierRow { OrganisationId = 1, Amount = "90 000", Currency = "SEK" }],
    };

    private static ProjectInput Changed(Action<ProjectInput> change)
    {
        var input = Base();
        change(input);
        return input;
    }

    [Fact]
    public void Fields_only_one_side_changed_come_from_that_side_and_only_a_field_both_changed_is_a_conflict()
    {
        var theirs = Changed(i => (i.Title, i.SteeringGroup) = ("A:s titel", "A:s styrgrupp"));
        var mine = Changed(i => (i.Title, i.Description) = ("B:s titel", "B:s beskrivning"));

        var result = ProjectMerge.Merge(Base(), theirs, mine);

        Assert.Equal(["Title"], result.Conflicts.Select(c => c.Key));
        Assert.Equal("A:s styrgrupp", result.Merged.SteeringGroup);
        Assert.Equal("B:s beskrivning", result.Merged.Description);
        Assert.Equal("B:s titel", result.Merged.Title); // mine, until the person chooses
        Assert.Equal("Syfte", result.Merged.Purpose);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        var result = ProjectMerge.Merge(Base(), Changed(i => i.Title = "Samma"), Changed(i => i.Title = "Samma "));

        Assert.Empty(result.Conflicts);
        Assert.Equal("Samma", result.Merged.Title.Trim());
    }

    [Fact]
    public void A_list_is_one_field_taken_whole_from_the_side_that_changed_it()
    {
        var theirs = Changed(i => i.Contacts.Add(new ProjectInput.ContactRow { Name = "Bertil" }));
        var mine = Changed(i => i.Financiers[0].Amount = "95 000");

        var result = ProjectMerge.Merge(Base(), theirs, mine);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["Anna", "Bertil"], result.Merged.Contacts.Select(c => c.Name));
        Assert.Equal("95 000", result.Merged.Financiers.Single().Amount);
    }

    [Fact]
    public void Both_changing_one_list_differently_is_one_conflict_for_the_whole_list()
    {
        var theirs = Changed(i => i.Contacts[0].Phone = "0953-1");
        var mine = Changed(i => i.Contacts.Add(new ProjectInput.ContactRow { Name = "Cecilia" }));

        var result = ProjectMerge.Merge(Base(), theirs, mine);

        Assert.Equal(["Kontakter"], result.Conflicts.Select(c => c.Label));
    }

    [Fact]
    public void A_field_emptied_by_them_is_emptied_and_one_emptied_by_me_stays_empty()
    {
        var theirs = Changed(i => i.SteeringGroup = null);
        var mine = Changed(i => i.Purpose = "");

        var result = ProjectMerge.Merge(Base(), theirs, mine);

        Assert.Empty(result.Conflicts);
        Assert.Null(result.Merged.SteeringGroup);
        Assert.True(string.IsNullOrEmpty(result.Merged.Purpose));
    }

    [Fact]
    public void Without_a_base_every_difference_is_for_the_person_to_choose()
    {
        var theirs = Changed(i => i.SteeringGroup = "A:s styrgrupp");
        var mine = Changed(i => i.Description = "B:s beskrivning");

        var result = ProjectMerge.Merge(null, theirs, mine);

        Assert.Equal(["SteeringGroup", "Description"], result.Conflicts.Select(c => c.Key));
    }

    [Fact]
    public void The_budget_amount_and_its_currency_are_one_field()
    {
        var result = ProjectMerge.Merge(Base(), Changed(i => (i.BudgetAmount, i.BudgetCurrency) = ("100", "EUR")), Base());

        Assert.Empty(result.Conflicts);
        Assert.Equal(("100", "EUR"), (result.Merged.BudgetAmount, result.Merged.BudgetCurrency));
    }

    [Fact]
    public void Every_property_of_the_form_but_its_version_numbers_is_merged()
    {
        // A field added to ProjectInput and forgotten here would silently take mine over theirs.
        var merged = typeof(ProjectInput).GetProperties().Select(p => p.Name)
            .Except(["Version", "BaseRevision", "BudgetAmount", "BudgetCurrency"]).Order();
        Assert.Equal(merged, ProjectFields.All.Select(f => f.Key).Except(["Budget"]).Order());
    }
}
