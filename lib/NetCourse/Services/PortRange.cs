namespace NetCourse;

/// <summary>The IANA port ranges of RFC 6335.</summary>
public enum PortRange
{
    /// <summary>0-1023: system (well-known) ports, assigned by IANA; binding them needs privilege on Unix.</summary>
    System,

    /// <summary>1024-49151: user (registered) ports, assigned by IANA on request.</summary>
    User,

    /// <summary>49152-65535: dynamic / private ports, never assigned.</summary>
    Dynamic,
}
