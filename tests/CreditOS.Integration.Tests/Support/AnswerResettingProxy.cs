using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// A loopback TCP proxy between the worker and the local Dataverse (session 31) that, for the <c>$batch</c> requests the test
/// chooses, passes the request on, waits for Dataverse's answer to begin (Dataverse answers a <c>$batch</c> only after it has
/// run it, so every change set it applied has committed) and then resets the worker's connection (TCP RST) instead of passing
/// the answer on: what a load balancer or a network fault does to a long batch in production. Everything else is passed on
/// as it is, but for the proxy's own address in the requests (the Host header, a <c>$batch</c> part's absolute URL), which is
/// written as the local Dataverse's: Dataverse refuses a batch part addressed to another environment. Both are loopback
/// addresses with a five-digit ephemeral port, so the rewrite keeps every length (and Content-Length) as it was. HTTP/1.1
/// without pipelining, as the worker's client talks to the local Dataverse: the answer that follows a request on a connection
/// is that request's.
/// </summary>
internal sealed class AnswerResettingProxy : IAsyncDisposable
{
    private static readonly byte[] BatchRequestLine = Encoding.ASCII.GetBytes("$batch HTTP/1.1");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly Func<int, bool> _reset;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private readonly byte[] _ownAuthority;
    private readonly byte[] _upstreamAuthority;
    private int _batches;
    private int _resets;

    /// <param name="upstream">The local Dataverse's base address.</param>
    /// <param name="reset">Given the number of a <c>$batch</c> request (from 1, counted across connections): reset its answer?</param>
    public AnswerResettingProxy(Uri upstream, Func<int, bool> reset)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _reset = reset;
        _listener.Start();
        BaseUri = new UriBuilder(upstream) { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;
        _ownAuthority = Encoding.ASCII.GetBytes(BaseUri.Authority);
        _upstreamAuthority = Encoding.ASCII.GetBytes(upstream.Authority);
        if (_ownAuthority.Length != _upstreamAuthority.Length)
        {
            _listener.Stop();
            throw new InvalidOperationException($"The proxy's address {BaseUri.Authority} and Dataverse's {upstream.Authority} differ in length; the rewrite would change the requests' lengths.");
        }

        _accepting = AcceptAsync();
    }

    /// <summary>The address the worker is given instead of the local Dataverse's.</summary>
    public Uri BaseUri { get; }

    /// <summary>The <c>$batch</c> requests passed on so far.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Answers reset after Dataverse had run their batch.</summary>
    public int Resets => Volatile.Read(ref _resets);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(task => task.IsCompleted);
                _connections.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        using var connection = client;
        try
        {
            await upstream.ConnectAsync(_upstream, _stop.Token).ConfigureAwait(false);
            var resetNextAnswer = new Mark();
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var requests = RequestsAsync(client.GetStream(), upstream.GetStream(), resetNextAnswer, ended.Token);
            var answers = AnswersAsync(upstream.GetStream(), client, resetNextAnswer, ended.Token);
            await Task.WhenAny(requests, answers).ConfigureAwait(false);
            await ended.CancelAsync();
            await Task.WhenAll(requests, answers).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // a connection the worker or Dataverse closed, or the proxy stopping
        }
    }

    /// <summary>Worker → Dataverse, the proxy's address written as Dataverse's, the connection marked when a <c>$batch</c> request the test chose goes through it.</summary>
    private async Task RequestsAsync(NetworkStream from, NetworkStream to, Mark resetNextAnswer, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var held = Array.Empty<byte>(); // the end of a read that may be the start of the proxy's address, sent with the next read
        var tail = Array.Empty<byte>(); // the end of what was sent, so a request line split across reads is still seen
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var data = held.Concat(buffer.Take(read)).ToArray();
                Rewrite(data, _ownAuthority, _upstreamAuthority);
                var hold = StartOfPatternAtEnd(data, _ownAuthority);
                held = data[^hold..];
                var send = data[..^hold];
                var seen = tail.Concat(send).ToArray();
                if (seen.AsSpan().IndexOf(BatchRequestLine) >= 0 && _reset(Interlocked.Increment(ref _batches)))
                {
                    Volatile.Write(ref resetNextAnswer.Pending, true);
                }

                tail = seen[Math.Max(0, seen.Length - BatchRequestLine.Length)..];
                await to.WriteAsync(send, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static void Rewrite(byte[] data, byte[] pattern, byte[] replacement)
    {
        var from = 0;
        int at;
        while ((at = data.AsSpan(from).IndexOf(pattern)) >= 0)
        {
            replacement.CopyTo(data, from + at);
            from += at + pattern.Length;
        }
    }

    /// <summary>How many bytes at the end of <paramref name="data"/> are a proper start of <paramref name="pattern"/> (0 if none).</summary>
    private static int StartOfPatternAtEnd(byte[] data, byte[] pattern)
    {
        for (var length = Math.Min(pattern.Length - 1, data.Length); length > 0; length--)
        {
            if (data.AsSpan(data.Length - length).SequenceEqual(pattern.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>Dataverse → worker; an answer to a marked request is dropped and the worker's connection reset.</summary>
    private async Task AnswersAsync(NetworkStream from, TcpClient client, Mark resetNextAnswer, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var to = client.GetStream();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (Volatile.Read(ref resetNextAnswer.Pending))
                {
                    Interlocked.Increment(ref _resets);
                    client.Client.LingerState = new LingerOption(true, 0); // close with RST, not FIN
                    client.Client.Close();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A connection's mark: the answer coming next on it is to be reset.</summary>
    private sealed class Mark
    {
        public bool Pending;
    }
}
