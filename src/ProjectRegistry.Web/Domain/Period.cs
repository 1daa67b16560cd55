namespace ProjectRegistry.Web.Domain;

/// <summary>A project's period, each end at its own precision; either end may be unknown.</summary>
public sealed record Period(PartialDate? Start, PartialDate? End)
{
    public bool IsEmpty => Start is null && End is null;

    /// <summary>True when the end lies wholly before the start (e.g. "2021" before "2022-03").</summary>
    public bool EndsBeforeItStarts => Start is not null && End is not null && End.Latest < Start.Earliest;

    /// <summary>"2019–2022", "september 2020 – maj 2022", "1 september 2018 – 31 december 2021".</summary>
    public string ToDisplayString()
    {
        if (Start is not null && End is not null)
        {
            var separator = Start.Precision == DatePrecision.Year && End.Precision == DatePrecision.Year ? "–" : " – ";
            return $"{Start.ToDisplayString()}{separator}{End.ToDisplayString()}";
        }
        if (Start is not null) return $"från {Start.ToDisplayString()}";
        if (End is not null) return $"till {End.ToDisplayString()}";
        return "";
    }
}
