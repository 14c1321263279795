package dev.hvscope.plugin.jsonrpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Reads LSP and DAP messages so that no body can knock the reader out of step: the whole
 * Content-Length body is read before anything parses it, a body too large is skipped unread, one
 * nested too deep never reaches gson (whose recursion would overflow the stack half-way through
 * the body), and a body that fails to parse for any reason is answered with an error response
 * (parse error, invalid request) when it names a request, logged in one line otherwise. The next
 * message is then read as usual.
 */
public final class FramedMessageProducer extends StreamMessageProducer {
    private static final Logger LOG = Logger.getLogger(FramedMessageProducer.class.getName());

    private final MessageJsonHandler json;
    private final RemoteEndpoint endpoint;
    private final Dialect dialect;
    private MessageConsumer consumer;
    /** A body not read at all: nothing known about it. */
    private static final Dialect.Recovered UNREAD = new Dialect.Recovered(null, false, false);

    public FramedMessageProducer(InputStream input, MessageJsonHandler json, RemoteEndpoint endpoint, Dialect dialect) {
        super(input, json, endpoint);
        this.json = json;
        this.endpoint = endpoint;
        this.dialect = dialect;
        OneLineLog.install();
    }

    /**
     * For a launcher builder's {@code createMessageProcessor}: lsp4j's stream reader replaced by
     * one of these on the same input, with a fresh JSON handler from {@code newJson}.
     */
    public static MessageProducer replacing(MessageProducer reader, MessageConsumer consumer,
            Supplier<MessageJsonHandler> newJson, Dialect dialect) {
        if (reader instanceof StreamMessageProducer stream && consumer instanceof RemoteEndpoint endpoint) {
            MessageJsonHandler json = newJson.get();
            // responses to our own requests are typed by the method their id belongs to
            json.setMethodProvider(endpoint);
            return new FramedMessageProducer(stream.getInput(), json, endpoint, dialect);
        }
        return reader;
    }

    @Override
    public void listen(MessageConsumer callback) {
        this.consumer = callback;
        super.listen(callback);
    }

    /** A header lsp4j cannot read (a Content-Length that is no int) is logged; lsp4j's reader would end. */
    @Override
    protected void parseHeader(String line, Headers headers) {
        try {
            super.parseHeader(line, headers);
        } catch (RuntimeException e) {
            headers.contentLength = -1;
            LOG.warning("bad header ignored: " + line);
        }
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
        int length = headers.contentLength;
        if (length > MessageLimits.MAX_BYTES) {
            input.skipNBytes(length);
            reject(UNREAD, ResponseErrorCode.InvalidRequest,
                    "message of " + length + " bytes skipped (limit " + MessageLimits.MAX_BYTES + ")");
            return true;
        }
        byte[] body = input.readNBytes(length);
        if (body.length < length) {
            return false; // the stream ended inside the body
        }
        String text;
        try {
            text = new String(body, Charset.forName(headers.charset));
        } catch (IllegalArgumentException e) {
            reject(UNREAD, ResponseErrorCode.ParseError, "unknown charset " + headers.charset);
            return true;
        }
        try {
            deliver(text);
        } catch (RuntimeException | StackOverflowError e) {
            // whatever went wrong with this message (an answer that cannot be written), the next is read
            LOG.log(Level.WARNING, "message not handled: " + e, e);
        }
        return true;
    }

    /** Parses one body and hands it on, or answers why it cannot. */
    private void deliver(String text) {
        if (JsonNesting.deeperThan(text, MessageLimits.MAX_DEPTH)) {
            reject(dialect.recover(text), ResponseErrorCode.InvalidRequest,
                    "message nested deeper than " + MessageLimits.MAX_DEPTH + " levels");
            return;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            handleIssues(e);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // not JSON, or JSON of the wrong shape (gson's type errors are not message issues)
            Dialect.Recovered what = dialect.recover(text);
            reject(what, what.json() ? ResponseErrorCode.InvalidRequest : ResponseErrorCode.ParseError,
                    (what.json() ? "invalid request: " : "parse error: ") + e.getClass().getSimpleName() + " " + e.getMessage());
            return;
        }
        try {
            consumer.consume(message);
        } catch (MessageIssueException e) {
            handleIssues(e);
        }
    }

    private void handleIssues(MessageIssueException e) {
        List<MessageIssue> issues = e.getIssues().stream()
                .map(i -> new MessageIssue(i.getText(), i.getIssueCode())) // without the cause: it would travel as data
                .toList();
        if (e.getRpcMessage() instanceof RequestMessage request) {
            endpoint.handle(request, issues);
        } else {
            LOG.warning("ignored message: " + issues.get(0).getText());
        }
    }

    /** Answers the request (or, in JSON-RPC, the unreadable message) with an error; logs it either way. */
    private void reject(Dialect.Recovered what, ResponseErrorCode code, String why) {
        LOG.warning(why);
        RequestMessage request = what.request();
        if (request == null && !what.notification() && dialect.answersAnonymous) {
            request = dialect.anonymous();
        }
        if (request != null) {
            endpoint.handle(request, List.of(new MessageIssue(why, code.getValue())));
        }
    }
}
