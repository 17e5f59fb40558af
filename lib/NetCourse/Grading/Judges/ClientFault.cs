namespace NetCourse;

/// <summary>What the fault proxy does to the connections of a client judged in exercise 16.1.</summary>
public enum ClientFault
{
    /// <summary>Nothing: every connection works.</summary>
    None,

    /// <summary>The first connection is reset after 3 bytes of the request; later ones work.</summary>
    ResetFirst,

    /// <summary>The first connection goes silent (the proxy holds it open and forwards nothing); later ones work.</summary>
    SilentFirst,

    /// <summary>Every connection is reset after 3 bytes of the request.</summary>
    ResetAlways,
}
