namespace ProjectRegistry.Web.Domain;

/// <summary>A målområde of one publisher's local development strategy (LUS).</summary>
[PublicData]
public class GoalArea
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int Position { get; set; }

    /// <summary>What the strategy's financing plan sets aside for the målområde.</summary>
    public Money? PlannedBudget { get; set; }

    public List<DirectionGoal> DirectionGoals { get; set; } = [];
    public List<Project> Projects { get; set; } = [];
}

/// <summary>An inriktningsmål under a målområde.</summary>
[PublicData]
public class DirectionGoal
{
    public int Id { get; set; }
    public int GoalAreaId { get; set; }
    public GoalArea GoalArea { get; set; } = null!;
    public required string Name { get; set; }
    public int Position { get; set; }

    public List<Project> Projects { get; set; } = [];
}
