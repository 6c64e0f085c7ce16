namespace SecEvent.Tokens.Subjects;

/// <summary>Where an identifier being read sits, which decides the formats it may use.</summary>
internal enum SubjectNesting
{
    /// <summary>A subject member or <c>sub_id</c> value: every format is allowed.</summary>
    TopLevel,

    /// <summary>A value inside a complex subject: anything but another complex subject (SSF 1.0 §3.3).</summary>
    ComplexMember,

    /// <summary>An item of <c>identifiers</c>: neither aliases (RFC 9493 §3.2.8) nor complex subjects.</summary>
    AliasesItem,
}
