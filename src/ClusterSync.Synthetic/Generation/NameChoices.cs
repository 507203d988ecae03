using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// Everything that decides an entity's name. Hard negatives copy another entity's choices and change
/// one of them, so the two names differ in one place only.
/// </summary>
internal readonly record struct NameChoices(
    NameLanguage Language,
    NameTemplate Template,
    SectorConcept Sector,
    SectorConcept Sector2,
    City City,
    bool PlaceIsRegion,
    ulong AlternativesSeed,
    LegalFormChoice? LegalForm);
