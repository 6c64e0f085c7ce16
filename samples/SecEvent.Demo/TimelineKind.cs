namespace SecEvent.Demo;

/// <summary>How a timeline line is coloured.</summary>
internal enum TimelineKind
{
    /// <summary>Something done on purpose: a request, a publication, a configuration.</summary>
    Action,

    /// <summary>A SET or a logout arrived where it should.</summary>
    Arrival,

    /// <summary>Something failed and was expected to: an outage, a retry.</summary>
    Trouble,

    /// <summary>A phase of the scenario begins.</summary>
    Phase,
}
