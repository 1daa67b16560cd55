namespace ProjectRegistry.Web.Editing;

/// <summary>
/// The three-way merge of two saves of one project that both started from the same version: a field only one of
/// them changed is taken from that one; a field both changed to different values is left for the person saving to
/// choose. Scalars are merged one by one; each list (financiers, contacts, links ...) is one field, since merging
/// rows of a list cannot tell a changed row from a removed and an added one.
/// </summary>
public static class ProjectMerge
{
    /// <summary>The merged form, and the fields both sides changed to different values (the merged form has mine there).</summary>
    public sealed record Result(ProjectInput Merged, IReadOnlyList<ProjectField> Conflicts);

    /// <summary>
    /// Merges mine (the form being saved) and theirs (what is saved now) against the version both started from. The
    /// result starts from mine, so the form's version number and anything not merged stay those of the form. Without
    /// a base (its revision cannot be read) every field that differs is the person's to choose: nothing is guessed.
    /// </summary>
    public static Result Merge(ProjectInput? @base, ProjectInput theirs, ProjectInput mine)
    {
        var merged = Copy(mine);
        var conflicts = new List<ProjectField>();
        foreach (var field in ProjectFields.All)
        {
            var (t, m) = (field.Read(theirs), field.Read(mine));
            if (@base is null)
            {
                if (t != m) conflicts.Add(field);
                continue;
            }
            var b = field.Read(@base);
            if (t == m || t == b) continue; // the same on both sides, or only mine changed: mine stands
            if (m == b) field.Copy(merged, theirs); // only they changed it
            else conflicts.Add(field);
        }
        return new Result(merged, conflicts);
    }

    private static ProjectInput Copy(ProjectInput input)
    {
        var copy = new ProjectInput { Version = input.Version, BaseRevision = input.BaseRevision };
        foreach (var field in ProjectFields.All) field.Copy(copy, input);
        return copy;
    }
}
