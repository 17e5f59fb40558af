namespace NetCourse;

/// <summary>How an echo server shares its attention among clients (lesson 15).</summary>
public enum ServingModel
{
    /// <summary>One thread accepts a client and serves it to the end before accepting the next.</summary>
    OneAtATime,

    /// <summary>One thread accepts; each client gets a thread of its own that blocks in Receive and Send.</summary>
    ThreadPerClient,

    /// <summary>An async accept loop; each client gets a task, which holds no thread while it waits.</summary>
    TaskPerClient,

    /// <summary>One thread over non-blocking sockets asks <c>Socket.Select</c> (poll) which sockets are ready and serves those.</summary>
    SelectLoop,
}
