package io.modelwatch.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local run's mail catcher: a GreenMail SMTP server on 127.0.0.1 that accepts every mail, keeps each one as an
 * {@code .eml} file under {@code <data-dir>/mail} (so they survive a restart), and a small web page that lists them
 * and shows their text, links included (the confirmation and unsubscribe links of the digest's mails).
 */
final class LocalMailbox implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer http;
    private final Path dir;
    private final ScheduledExecutorService saver;
    private int saved;

    private LocalMailbox(GreenMail greenMail, HttpServer http, Path dir, ScheduledExecutorService saver) {
        this.greenMail = greenMail;
        this.http = http;
        this.dir = dir;
        this.saver = saver;
    }

    static LocalMailbox start(Path dir, int smtpPort, int httpPort) {
        try {
            Files.createDirectories(dir);
            GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "modelwatch-mailbox");
                t.setDaemon(true);
                return t;
            });
            LocalMailbox mailbox = new LocalMailbox(greenMail, http, dir, saver);
            http.createContext("/", mailbox::serve);
            http.start();
            saver.scheduleWithFixedDelay(mailbox::save, 200, 200, TimeUnit.MILLISECONDS);
            return mailbox;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local mailbox", e);
        }
    }

    String smtp() {
        return "127.0.0.1:" + greenMail.getSmtp().getPort();
    }

    String url() {
        return "http://localhost:" + http.getAddress().getPort() + "/";
    }

    /** Writes the mails received since the last call, numbered after the files already there. */
    private synchronized void save() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        for (; saved < received.length; saved++) {
            try {
                String name = String.format("%d-%05d.eml", System.currentTimeMillis(), saved);
                try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                    received[saved].writeTo(out);
                }
            } catch (Exception e) {
                System.err.println("modelwatch platform: could not keep a mail: " + e.getMessage());
            }
        }
    }

    private List<Path> mails() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>modelwatch mail</title>"
                        + "</head><body style=\"font-family:sans-serif;max-width:1000px;margin:auto\"><h1>Mails sent by modelwatch</h1>"
                        + "<p>SMTP " + smtp() + "; files in " + escape(dir.toString()) + ". Newest first.</p><table>");
                for (Path p : mails()) {
                    MimeMessage m = read(p);
                    String name = p.getFileName().toString();
                    page.append("<tr><td>").append(escape(String.valueOf(header(m, "Date")))).append("</td><td>")
                            .append(escape(String.valueOf(header(m, "To")))).append("</td><td><a href=\"/mail/").append(name)
                            .append("\">").append(escape(subject(m))).append("</a></td><td><a href=\"/raw/").append(name)
                            .append("\">raw</a></td></tr>");
                }
                send(exchange, 200, "text/html", page.append("</table></body></html>").toString());
            } else if (path.startsWith("/mail/") || path.startsWith("/raw/")) {
                String name = path.substring(path.indexOf('/', 1) + 1);
                Path file = dir.resolve(name).normalize();
                if (!name.matches("[0-9]+-[0-9]+\\.eml") || !Files.isRegularFile(file)) {
                    send(exchange, 404, "text/plain", "no such mail");
                } else if (path.startsWith("/raw/")) {
                    send(exchange, 200, "text/plain", Files.readString(file, StandardCharsets.ISO_8859_1));
                } else {
                    MimeMessage m = read(file);
                    StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                            .append(escape(subject(m))).append("</title></head><body style=\"font-family:sans-serif;max-width:1000px;margin:auto\">")
                            .append("<p><a href=\"/\">all mails</a> · <a href=\"/raw/").append(name).append("\">raw</a></p><pre>");
                    for (String h : List.of("From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe",
                            "List-Unsubscribe-Post")) {
                        page.append(escape(h + ": " + header(m, h))).append('\n');
                    }
                    String text = text(m);
                    page.append('\n').append(escape(text).replaceAll("(https?://[^\\s<&]+(&amp;[^\\s<&]+)*)", "<a href=\"$1\">$1</a>"));
                    send(exchange, 200, "text/html", page.append("</pre></body></html>").toString());
                }
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        } catch (Exception e) {
            send(exchange, 500, "text/plain", String.valueOf(e.getMessage()));
        }
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static String header(MimeMessage m, String name) throws Exception {
        String value = m.getHeader(name, ", ");
        return value == null ? "" : jakarta.mail.internet.MimeUtility.decodeText(value);
    }

    private static String subject(MimeMessage m) throws Exception {
        return m.getSubject() == null ? "(no subject)" : m.getSubject();
    }

    /** The plain-text part (or the whole body when there is no multipart). */
    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
            }
            return "(no plain-text part: see raw)";
        }
        return String.valueOf(content);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        save();
        saver.shutdownNow();
        http.stop(0);
        greenMail.stop();
    }
}
