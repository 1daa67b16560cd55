using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProjectRegistry.Web.Data;

/// <summary>A project found by the full-text index, with its bm25 rank (lower is better).</summary>
public sealed class SearchHit
{
    public int Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>Only ever read through <see cref="RegistryDbContext.Search"/>: no table of its own.</summary>
public sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder) => builder.ToView(null).HasKey(h => h.Id);
}
