namespace NetCourse;

/// <summary>
/// One scenario of exercise 19.1: the judge's server greets with <paramref name="Greeting"/> over TLS, presenting the
/// pinned certificate when <paramref name="ServePinned"/> and another one for the same name otherwise; the pin is the
/// pinned certificate's SHA-256 in hex, lower case when <paramref name="LowerCasePin"/>.
/// </summary>
public sealed record PinCase(string Greeting, bool ServePinned, bool LowerCasePin = false);
