using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Caching;

namespace ProjectRegistry.Tests.Domain;

/// <summary>
/// Which stored types a reader can see, decided for each one: a save of a [PublicData] type evicts the public cache,
/// a save of any other type leaves it. A new entity fails here until it is put in one list or the other.
/// </summary>
public class PublicDataTests
{
    /// <summary>Seen on public pages, downloads or the API, or (alerts, feedback, the job lease) classified so to keep the eviction they always had.</summary>
    private static readonly Type[] Public =
    [
        typeof(Project), typeof(ProjectPartner), typeof(ProjectFinancier), typeof(ProjectContact), typeof(ProjectLink),
        typeof(ProjectIdentifier), typeof(ProjectPlace), typeof(ProjectStatusChange), typeof(Money),
        typeof(Organisation), typeof(Municipality), typeof(GoalArea), typeof(DirectionGoal), typeof(Indicator),
        typeof(ProjectIndicatorValue), typeof(SitePage), typeof(ProjectFile), typeof(ProjectFileContent),
        typeof(FeedbackMessage), typeof(FeedbackSettings), typeof(AlertSubscription), typeof(JobLease),
    ];

    /// <summary>Staff's own: a sign-in, the form's autosave or an import mapping must not empty the cache.</summary>
    private static readonly Type[] StaffOnly =
    [
        typeof(StaffUser), typeof(ProjectRevision), typeof(ProjectDraft), typeof(ImportMapping), typeof(AuditEvent),
        typeof(AlertConfirmationMail), // not staff's, but seen by no one: the count of confirmation mails per address
    ];

    private static List<Type> StoredDomainTypes()
    {
        using var db = new RegistryDbContext(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Namespace == typeof(Project).Namespace).Distinct().ToList();
    }

    [Fact]
    public void Every_stored_domain_type_is_classified_as_public_or_staff_only()
    {
        var unclassified = StoredDomainTypes().Except(Public).Except(StaffOnly).Select(t => t.Name).Order().ToList();
        Assert.True(unclassified.Count == 0,
            $"Not classified: {string.Join(", ", unclassified)}. Mark it [PublicData] and add it to Public if a reader can see it, else add it to StaffOnly.");
    }

    [Fact]
    public void Exactly_the_public_types_are_marked()
    {
        var marked = typeof(Project).Assembly.GetTypes().Where(t => Attribute.IsDefined(t, typeof(PublicDataAttribute))).Select(t => t.Name).Order();
        Assert.Equal(Public.Select(t => t.Name).Order(), marked);
    }

    [Fact]
    public void A_save_of_a_staff_only_type_does_not_touch_the_public_cache()
    {
        Assert.All(StaffOnly, t => Assert.False(PublicCache.IsPublic(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)), t.Name));
        Assert.All(Public, t => Assert.True(PublicCache.IsPublic(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)), t.Name));
        Assert.True(PublicCache.IsPublic(new Dictionary<string, object>()));
    }
}
