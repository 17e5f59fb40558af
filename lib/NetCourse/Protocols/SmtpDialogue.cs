namespace NetCourse;

/// <summary>
/// The server side of a small SMTP-like dialogue (after RFC 5321) as a state machine without sockets: greeting,
/// HELO/EHLO, MAIL FROM, RCPT TO, DATA (lines up to a lone "."), RSET, NOOP, QUIT; VRFY and EXPN get 502. Commands out of order get 503.
/// </summary>
public sealed class SmtpDialogue
{
    private readonly List<string> _recipients = [];
    private readonly List<string> _body = [];
    private readonly List<string> _delivered = [];
    private State _state = State.Connected;
    private string? _sender;

    private enum State
    {
        Connected,
        Greeted,
        HasSender,
        HasRecipient,
        ReadingData,
        Closed,
    }

    /// <summary>The server's domain, the first word of its greeting and of its HELO/EHLO reply (RFC 5321 §4.1.1.1).</summary>
    public static string Domain => "netcourse.test";

    /// <summary>The first line the server sends when a client connects.</summary>
    public static string Greeting => $"220 {Domain} tiny SMTP ready";

    /// <summary>True once the client has said QUIT.</summary>
    public bool Closed => _state == State.Closed;

    /// <summary>Mail accepted so far, one summary line per message ("from -> to: n lines").</summary>
    public IReadOnlyList<string> Delivered => _delivered;

    /// <summary>The reply to one line from the client, or null while reading the message body (no reply until ".").</summary>
    /// <exception cref="InvalidOperationException">The dialogue is already closed.</exception>
    public string? Answer(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_state == State.Closed)
        {
            throw new InvalidOperationException("The dialogue is closed: the client already sent QUIT.");
        }

        if (_state == State.ReadingData)
        {
            return ReadData(line);
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        return verb switch
        {
            "HELO" or "EHLO" when argument.Length == 0 => "501 Say who you are: HELO <your name>",
            "HELO" or "EHLO" => Reset(State.Greeted, $"250 {Domain} Hello {argument}"),
            "MAIL" when _state != State.Greeted => "503 Bad sequence: send HELO first, and only one MAIL FROM per message",
            "MAIL" when !argument.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase) => "501 Syntax: MAIL FROM:<address>",
            "MAIL" => Sender(argument[5..].Trim()),
            "RCPT" when _state is not (State.HasSender or State.HasRecipient) => "503 Bad sequence: MAIL FROM comes before RCPT TO",
            "RCPT" when !argument.StartsWith("TO:", StringComparison.OrdinalIgnoreCase) => "501 Syntax: RCPT TO:<address>",
            "RCPT" => Recipient(argument[3..].Trim()),
            "DATA" when _state != State.HasRecipient => "503 Bad sequence: DATA needs MAIL FROM and at least one RCPT TO",
            "DATA" => Move(State.ReadingData, "354 Send the message; end with a line holding only \".\""),
            "RSET" => Reset(_state == State.Connected ? State.Connected : State.Greeted, "250 Reset"),
            "NOOP" => "250 OK",
            "QUIT" => Move(State.Closed, "221 Bye"),
            "VRFY" or "EXPN" => $"502 {verb} not implemented", // RFC 5321 §4.2.4: 502 for a command recognized but not implemented
            _ => $"500 Unknown command '{verb}'",
        };
    }

    private string Sender(string address)
    {
        _sender = address;
        return Move(State.HasSender, $"250 Sender {address} OK");
    }

    private string Recipient(string address)
    {
        _recipients.Add(address);
        return Move(State.HasRecipient, $"250 Recipient {address} OK");
    }

    private string? ReadData(string line)
    {
        if (line != ".")
        {
            _body.Add(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line); // dot-stuffing
            return null;
        }

        _delivered.Add($"{_sender} -> {string.Join(", ", _recipients)}: {_body.Count} lines");
        var number = _delivered.Count;
        return Reset(State.Greeted, $"250 Message {number} accepted");
    }

    private string Reset(State state, string reply)
    {
        _sender = null;
        _recipients.Clear();
        _body.Clear();
        return Move(state, reply);
    }

    private string Move(State state, string reply)
    {
        _state = state;
        return reply;
    }
}
