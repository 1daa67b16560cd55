using Microsoft.AspNetCore.Http.Metadata;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Enforces a page's <c>[RequestSizeLimit]</c> whatever the server: an anonymous form (sign-in) could otherwise
/// bring megabytes per request, which the form binder reads into memory and the audit log once stored. A body
/// over the limit is answered 413 with the Swedish error page before anything reads it. Kestrel applies the same
/// limit itself; this also covers a server without that feature (the test server) and a body without a length.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>An e-mail of 254 and a password of 1,024 characters, the antiforgery token and room to spare.</summary>
    public const int SignInBytes = 16 * 1024;

    /// <summary>
    /// A chunked body under a limit up to this size is read into memory before anything else runs; above it (the
    /// 20 MB upload of the files page) it is only counted as it is read, since buffering would let anyone, signed
    /// in or not, make the server hold 20 MB before the sign-in check refuses the request.
    /// </summary>
    public const int BufferedLimit = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is not { } limit
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (request.ContentLength is null && limit > BufferedLimit)
        {
            request.Body = new CountingStream(request.Body, limit);
        }
        else if (request.ContentLength is null)
        {
            // Chunked: read at most one byte past the limit, and give the form binder what was read.
            var buffer = new MemoryStream();
            context.Response.RegisterForDispose(buffer);
            var chunk = new byte[4096];
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                        return;
                    }
                    buffer.Write(chunk, 0, read);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            buffer.Position = 0;
            request.Body = buffer;
        }
        await next(context);
    });

    /// <summary>A request body that fails as a too-large request once more than the limit has been read from it.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
