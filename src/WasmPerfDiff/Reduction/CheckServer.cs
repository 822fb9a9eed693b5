using System.Net.Sockets;
using System.Text;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// Answers the reducer's checks inside the reduce process, over a Unix socket that the check client
/// (<c>check-client.c</c>) connects to: a request is a candidate's full path and a newline, the answer one byte,
/// <c>0</c> interesting or <c>1</c> not. Starting the tool for each check cost 0.25 s of start-up and compiling its
/// code, most of the 0.3 s a candidate that does not build takes (over half of a C reduction's candidates). One check
/// runs at a time, as with <c>--n 1</c>; a client that hangs up (the reducer's timeout killed it) cancels its check,
/// and so does disposing the server. A client that cannot connect runs the hidden verb itself.
/// </summary>
public sealed class CheckServer : IAsyncDisposable
{
    /// <summary>Longest request read: a path, as the client's <c>realpath</c> gives it.</summary>
    private const int MaxRequestBytes = 8192;

    /// <summary>How long a connection may take to send its request: the client sends it at once, and checks are served one at a time.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly Func<string, CancellationToken, Task<bool>> _check;
    private readonly string _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public string SocketPath { get; }

    private CheckServer(Socket listener, string socketPath, Func<string, CancellationToken, Task<bool>> check, string log)
    {
        (_listener, SocketPath, _check, _log) = (listener, socketPath, check, log);
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>
    /// Listens on <paramref name="socketPath"/>; null when it cannot (a path longer than a socket address holds, a
    /// file already there), and the reducer then starts the tool for each check. <paramref name="log"/> receives a line
    /// per check that failed with an error, which counts as "not interesting".
    /// </summary>
    public static CheckServer? TryStart(string socketPath, Func<string, CancellationToken, Task<bool>> check, string log)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(4);
            return new CheckServer(listener, socketPath, check, log);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            listener.Dispose();
            return null;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            // One at a time: parallel checks would measure each other. A connection that fails must not stop the serving:
            // the clients behind it would wait for an answer until the reducer's timeout.
            try { await ServeAsync(client); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or UnauthorizedAccessException) { }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var candidate = await ReadRequestAsync(client, cts.Token);
        if (candidate is null) return;
        var hangUp = CancelOnHangUpAsync(client, cts);
        byte answer;
        try { answer = await _check(candidate, cts.Token) ? (byte)'0' : (byte)'1'; }
        catch (OperationCanceledException) { answer = (byte)'1'; }
        catch (Exception e)
        {
            answer = (byte)'1';
            try { File.AppendAllText(_log, $"{DateTimeOffset.UtcNow:O} {candidate}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}\n"); }
            catch (Exception logFailed) when (logFailed is IOException or UnauthorizedAccessException) { } // the answer matters more than its log line
        }
        try { await client.SendAsync(new[] { answer }, SocketFlags.None, CancellationToken.None); }
        catch (SocketException) { } // the client is gone; the reducer counted the check as failed
        await cts.CancelAsync();
        await hangUp;
    }

    /// <summary>The path up to the first newline, or null when the client hung up, sent no path or none in <see cref="RequestTimeout"/>.</summary>
    private static async Task<string?> ReadRequestAsync(Socket client, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(RequestTimeout);
        var ct = timeout.Token;
        var request = new List<byte>();
        var buffer = new byte[512];
        while (request.Count < MaxRequestBytes)
        {
            int n;
            try { n = await client.ReceiveAsync(buffer, SocketFlags.None, ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException) { return null; }
            if (n == 0) return null;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
            request.AddRange(buffer.Take(end < 0 ? n : end));
            if (end >= 0)
            {
                var path = Encoding.UTF8.GetString(request.ToArray());
                return Path.IsPathFullyQualified(path) ? path : null;
            }
        }
        return null;
    }

    /// <summary>Cancels the check when the client closes its end: the reducer stopped waiting for the answer.</summary>
    private static async Task CancelOnHangUpAsync(Socket client, CancellationTokenSource cts)
    {
        try
        {
            if (await client.ReceiveAsync(new byte[1], SocketFlags.None, cts.Token) == 0) await cts.CancelAsync();
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { await cts.CancelAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        File.Delete(SocketPath);
        _stop.Dispose();
    }
}
