package attendfirst.task.data;

import attendfirst.task.TaskDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes, a doubled quote inside
 * quotes is one quote, and quoted fields may contain commas and line breaks (CNN/DailyMail articles do).
 * Records end with LF or CRLF. Each record remembers the line it started on, for error messages.
 */
public final class CsvReader {

    public record Record(int line, List<String> fields) {}

    private CsvReader() {}

    public static List<Record> parse(String text, String source) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false; // just closed a quoted field: only a separator or record end may follow
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1; // byte order mark written by spreadsheet tools
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) { // skip blank lines
                    records.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                recordLine = line;
            } else if (afterQuote) {
                throw new TaskDataException(source + " line " + line + ": unexpected character '" + c
                        + "' after a closing quote (a quote inside a quoted field must be doubled)");
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new TaskDataException(source + " line " + recordLine + ": quoted field never closed before end of file");
        }
        if (field.length() > 0 || !fields.isEmpty() || afterQuote) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
