using System.Text.Json;

namespace Outreach.Localities;

/// <summary>What level a locality is.</summary>
public enum LocalityKind
{
    /// <summary>An urban commune-level unit (phường).</summary>
    Ward,
    /// <summary>A rural commune-level unit (xã).</summary>
    Commune,
    /// <summary>A residential quarter of a ward (khóm).</summary>
    Quarter,
    /// <summary>A hamlet of a commune (ấp).</summary>
    Hamlet,
}

/// <summary>Which kind of administrative reorganisation (sắp xếp đơn vị hành chính).</summary>
public enum ReorganisationKind
{
    /// <summary>Several units become one (one of them may continue).</summary>
    Merger,
    /// <summary>One unit becomes several.</summary>
    Split,
}

/// <summary>The commune-level unit a hamlet or quarter belonged to over a period.</summary>
/// <param name="Parent">The parent's code.</param>
/// <param name="From">First day.</param>
/// <param name="To">First day it no longer applies, or null.</param>
public sealed record ParentPeriod(string Parent, DateOnly From, DateOnly? To);

/// <summary>A locality with its validity and its place in the history of reorganisations.</summary>
/// <param name="Code">Stable code used in every fact (e.g. <c>phuong-2</c>, <c>phuong-2/khom-1</c>).</param>
/// <param name="Name">Official name.</param>
/// <param name="Kind">Level.</param>
/// <param name="ValidFrom">First day in force.</param>
/// <param name="ValidTo">First day no longer in force, or null while it exists.</param>
/// <param name="Parents">For hamlets and quarters, their commune-level unit over time.</param>
/// <param name="Predecessors">Units it was formed from.</param>
/// <param name="Successors">Units it became part of.</param>
public sealed record Locality(
    string Code, string Name, LocalityKind Kind, DateOnly ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<ParentPeriod> Parents, IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors)
{
    /// <summary>True for wards and communes.</summary>
    public bool IsCommuneLevel => Kind is LocalityKind.Ward or LocalityKind.Commune;

    /// <summary>True when the locality exists on <paramref name="date"/>.</summary>
    public bool IsInForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);

    /// <summary>Earlier names, with the first day each later name applied (renames); empty when never renamed.</summary>
    public IReadOnlyList<Rename> Renames { get; init; } = [];

    /// <summary>The locality's own name on <paramref name="date"/> (before a rename, the earlier name).</summary>
    public string OwnNameOn(DateOnly date)
    {
        var name = Renames.Count > 0 ? Renames[0].OldName : Name;
        foreach (var rename in Renames.Where(r => r.EffectiveOn <= date))
        {
            name = rename.NewName;
        }

        return name;
    }

    /// <summary>The parent on <paramref name="date"/>, if any.</summary>
    public string? ParentOn(DateOnly date) => Parents.LastOrDefault(p => p.From <= date && (p.To is null || date < p.To))?.Parent;
}

/// <summary>A rename of a locality from a date.</summary>
/// <param name="EffectiveOn">First day of the new name.</param>
/// <param name="OldName">The name before.</param>
/// <param name="NewName">The name from that day.</param>
/// <param name="LegalBasis">The resolution.</param>
public sealed record Rename(DateOnly EffectiveOn, string OldName, string NewName, string LegalBasis);

/// <summary>A reorganisation as recorded in the catalogue.</summary>
/// <param name="EffectiveOn">The day it took effect.</param>
/// <param name="Kind">Merger or split.</param>
/// <param name="Predecessors">Units before.</param>
/// <param name="Successors">Units after (a continuing unit appears on both sides).</param>
/// <param name="LegalBasis">The resolution.</param>
/// <param name="Note">Remarks, including what is unverified.</param>
public sealed record Reorganisation(DateOnly EffectiveOn, ReorganisationKind Kind, IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors, string LegalBasis, string? Note);

/// <summary>
/// The effective-dated catalogue of a city's communes/wards and hamlets/quarters, with the reorganisations that link
/// predecessors and successors. A place is always shown as it was named on the date of the fact, and history can be
/// rolled up to the unit in force today. <see cref="CaoLanh"/> is the catalogue shipped with the library; a deployment
/// loads its own with <see cref="FromJson"/>.
/// </summary>
public sealed class LocalityCatalogue
{
    private readonly Dictionary<string, Locality> _byCode;

    private LocalityCatalogue(string name, IEnumerable<Locality> localities, IReadOnlyList<Reorganisation> reorganisations)
    {
        Name = name;
        _byCode = localities.ToDictionary(l => l.Code, StringComparer.Ordinal);
        Reorganisations = reorganisations;
    }

    /// <summary>The catalogue's name.</summary>
    public string Name { get; }

    /// <summary>Every locality that ever existed.</summary>
    public IReadOnlyCollection<Locality> All => _byCode.Values;

    /// <summary>The reorganisations, oldest first.</summary>
    public IReadOnlyList<Reorganisation> Reorganisations { get; }

    /// <summary>Cao Lãnh city's catalogue shipped with the library (15 units in 2019, 69 generated hamlets, the 2025 reorganisations).</summary>
    public static LocalityCatalogue CaoLanh { get; } = LoadEmbedded();

    /// <summary>The locality with <paramref name="code"/>, or null.</summary>
    public Locality? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The localities in force on <paramref name="date"/>, commune-level units first, then by code.</summary>
    public IReadOnlyList<Locality> InForce(DateOnly date, bool communeLevelOnly = false)
        => [.. _byCode.Values.Where(l => l.IsInForceOn(date) && (!communeLevelOnly || l.IsCommuneLevel))
            .OrderBy(l => l.IsCommuneLevel ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)];

    /// <summary>
    /// Null when <paramref name="code"/> names a locality in force on <paramref name="date"/>; otherwise the refusal to
    /// throw, saying what is wrong and what to use instead: code <c>locality.unknown</c> (not in the catalogue),
    /// <c>locality.not-yet</c> (established later) or <c>locality.ceased</c> (no longer in force, with its successors).
    /// </summary>
    public DomainRuleException? Problem(string code, DateOnly date)
    {
        if (Find(code) is not { } locality)
        {
            return new DomainRuleException("locality.unknown", code, Name);
        }

        if (locality.IsInForceOn(date))
        {
            return null;
        }

        if (date < locality.ValidFrom)
        {
            return new DomainRuleException("locality.not-yet", locality.Name, code, date, locality.ValidFrom);
        }

        var successors = SuccessorsOn(code, date);
        return successors.Count > 0
            ? DomainRuleException.Shared("locality.ceased", "locality.ceased-into", locality.Name, code, date, locality.ValidTo,
                string.Join(", ", successors.Select(s => $"{Find(s)!.Name} ({s})")))
            : new DomainRuleException("locality.ceased", locality.Name, code, date, locality.ValidTo);
    }

    /// <summary>
    /// How a place read on <paramref name="date"/>: the name in force then and, for a hamlet or quarter, the unit it
    /// belonged to then (e.g. "Khóm 2, Phường 2"). Unknown codes are returned as they are.
    /// </summary>
    public string NameOn(string code, DateOnly date)
    {
        if (Find(code) is not { } locality)
        {
            return code;
        }

        var own = locality.OwnNameOn(date);
        return locality.ParentOn(date) is { } parent ? $"{own}, {NameOn(parent, date)}" : own;
    }

    /// <summary>
    /// The commune-level units in force on <paramref name="date"/> that a place's history rolls up to: the unit itself
    /// while it exists, else its successors (followed through later reorganisations); for a hamlet, its unit then.
    /// </summary>
    public IReadOnlyList<string> SuccessorsOn(string code, DateOnly date)
    {
        if (Find(code) is not { } locality)
        {
            return [];
        }

        if (!locality.IsCommuneLevel)
        {
            var parent = locality.ParentOn(date) ?? (locality.Parents.Count > 0 ? locality.Parents[^1].Parent : null);
            return parent is null ? [] : SuccessorsOn(parent, date);
        }

        if (locality.IsInForceOn(date))
        {
            return [code];
        }

        return [.. locality.Successors.SelectMany(s => SuccessorsOn(s, date)).Distinct()];
    }

    /// <summary>Reads and checks a catalogue file (format in docs/localities.md); throws <see cref="CatalogueFormatException"/> saying what is wrong.</summary>
    public static LocalityCatalogue FromJson(Stream json)
    {
        CatalogueFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogueFile>(json, DataFiles.Options);
        }
        catch (JsonException ex)
        {
            throw new CatalogueFormatException(ex, "catalogue.invalid-json", SystemReason.Of(ex));
        }

        if (file?.Localities is not { Count: > 0 })
        {
            throw new CatalogueFormatException("catalogue.no-localities");
        }

        var localities = new Dictionary<string, Locality>(StringComparer.Ordinal);
        void Add(LocalityEntry entry, DateOnly from)
        {
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new CatalogueFormatException("catalogue.code-or-name-missing");
            }

            if (!localities.TryAdd(entry.Code, new Locality(entry.Code, entry.Name, entry.Kind, from, null, [], [], [])))
            {
                throw new CatalogueFormatException("catalogue.code-twice", entry.Code);
            }

            var isCommuneLevel = entry.Kind is LocalityKind.Ward or LocalityKind.Commune;
            if (isCommuneLevel != (entry.Parent is null))
            {
                throw new CatalogueFormatException(isCommuneLevel ? "catalogue.parent-not-allowed" : "catalogue.parent-missing", entry.Code, entry.Kind);
            }

            if (entry.Parent is { } parent)
            {
                if (!localities.TryGetValue(parent, out var p) || !p.IsCommuneLevel)
                {
                    throw new CatalogueFormatException("catalogue.parent-unknown", entry.Code, parent);
                }

                localities[entry.Code] = localities[entry.Code] with { Parents = [new ParentPeriod(parent, from, null)] };
            }
        }

        foreach (var entry in file.Localities)
        {
            Add(entry, entry.ValidFrom ?? throw new CatalogueFormatException("catalogue.valid-from-missing", entry.Code));
        }

        var reorganisations = new List<Reorganisation>();
        var last = DateOnly.MinValue;
        foreach (var r in file.Reorganisations ?? [])
        {
            if (r.EffectiveOn < last)
            {
                throw new CatalogueFormatException("catalogue.reorganisation.order", r.EffectiveOn, last);
            }

            last = r.EffectiveOn;
            foreach (var established in r.Establish ?? [])
            {
                Add(established, r.EffectiveOn);
            }

            foreach (var code in r.Predecessors.Concat(r.Successors))
            {
                if (!localities.TryGetValue(code, out var l) || !l.IsCommuneLevel)
                {
                    throw new CatalogueFormatException("catalogue.reorganisation.unknown-unit", r.EffectiveOn, code);
                }

            }

            foreach (var code in r.Predecessors.Where(code => !localities[code].IsInForceOn(r.EffectiveOn.AddDays(-1))))
            {
                throw new CatalogueFormatException("catalogue.reorganisation.predecessor-not-in-force", r.EffectiveOn, code);
            }

            if (r.Predecessors.Count == 0 || r.Successors.Count == 0)
            {
                throw new CatalogueFormatException("catalogue.reorganisation.incomplete", r.EffectiveOn);
            }

            foreach (var code in r.Predecessors.Where(p => !r.Successors.Contains(p)))
            {
                var ending = localities[code];
                localities[code] = ending with { ValidTo = r.EffectiveOn, Successors = [.. ending.Successors, .. r.Successors] };

                // Hamlets of an ending unit move to the first successor (a split must move them explicitly in a later release).
                foreach (var child in localities.Values.Where(c => c.ParentOn(r.EffectiveOn.AddDays(-1)) == code && c.IsInForceOn(r.EffectiveOn)).ToArray())
                {
                    var periods = child.Parents.Select(p => p.To is null ? p with { To = r.EffectiveOn } : p).ToList();
                    periods.Add(new ParentPeriod(r.Successors[0], r.EffectiveOn, null));
                    localities[child.Code] = child with { Parents = periods };
                }
            }

            foreach (var code in r.Successors)
            {
                var successor = localities[code];
                localities[code] = successor with { Predecessors = [.. successor.Predecessors, .. r.Predecessors.Where(p => p != code)] };
            }

            reorganisations.Add(new Reorganisation(r.EffectiveOn, r.Kind, r.Predecessors, r.Successors, r.LegalBasis ?? "", r.Note));
        }

        foreach (var rename in (file.Renames ?? []).OrderBy(r => r.EffectiveOn))
        {
            if (!localities.TryGetValue(rename.Code, out var renamed))
            {
                throw new CatalogueFormatException("catalogue.rename.unknown", rename.EffectiveOn, rename.Code);
            }

            if (string.IsNullOrWhiteSpace(rename.Name) || !renamed.IsInForceOn(rename.EffectiveOn))
            {
                throw new CatalogueFormatException("catalogue.rename.invalid", rename.Code, rename.EffectiveOn);
            }

            localities[rename.Code] = renamed with
            {
                Name = rename.Name,
                Renames = [.. renamed.Renames, new Rename(rename.EffectiveOn, renamed.Name, rename.Name, rename.LegalBasis ?? "")],
            };
        }

        return new LocalityCatalogue(file.Name ?? "custom catalogue", localities.Values, reorganisations);
    }

    private static LocalityCatalogue LoadEmbedded()
    {
        using var stream = typeof(LocalityCatalogue).Assembly.GetManifestResourceStream("Outreach.Localities.cao-lanh.json")
            ?? throw new InvalidOperationException("The embedded Cao Lãnh catalogue is missing from the assembly.");
        return FromJson(stream);
    }

    internal sealed record CatalogueFile(string? Name, string? Source, List<LocalityEntry>? Localities, List<ReorganisationEntry>? Reorganisations, List<RenameEntry>? Renames);

    internal sealed record RenameEntry(string Code, DateOnly EffectiveOn, string Name, string? LegalBasis);

    internal sealed record LocalityEntry(string Code, string Name, LocalityKind Kind, string? Parent, DateOnly? ValidFrom);

    internal sealed record ReorganisationEntry(
        DateOnly EffectiveOn, ReorganisationKind Kind, List<string> Predecessors, List<string> Successors, List<LocalityEntry>? Establish, string? LegalBasis, string? Note);
}
