//! Colour and terminal safety: the styles and the sanitising are pure decisions on text;
//! which streams are terminals that show escapes is asked of the OS by
//! `platform::terminal`.

use std::borrow::Cow;

/// A few ANSI styles; written only when the stream's policy allows colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Good,
    Warn,
    Bad,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Good => "\x1b[32m",
            Style::Warn => "\x1b[33m",
            Style::Bad => "\x1b[1;31m",
        }
    }
}

/// `text` in `style` when `enabled`, else unchanged.
pub(crate) fn paint(text: &str, style: Style, enabled: bool) -> Cow<'_, str> {
    if enabled {
        Cow::Owned(format!("{}{text}\x1b[0m", style.code()))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` in `style` when `enabled`, then spaces up to `width` characters of text: a
/// column keeps its alignment whether or not escapes surround the text.
pub(crate) fn paint_padded(text: &str, width: usize, style: Style, enabled: bool) -> String {
    let pad = width.saturating_sub(text.chars().count());
    format!("{}{}", paint(text, style, enabled), " ".repeat(pad))
}

/// `word` as one shell word that can be pasted into a command line: as it is when it
/// holds only characters no shell treats specially, else in double quotes (sh, bash,
/// zsh, fish, PowerShell and cmd all read `"Windows 10/11 Enterprise"` alike), else, for
/// a word holding `"`, `$`, `` ` ``, `\` or `!`, in POSIX single quotes.
pub(crate) fn shell_word(word: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_alphanumeric() || "-_./:+=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return Cow::Borrowed(word);
    }
    if !word.chars().any(|c| "\"$`\\!".contains(c)) {
        return Cow::Owned(format!("\"{word}\""));
    }
    Cow::Owned(format!("'{}'", word.replace('\'', "'\\''")))
}

/// Makes text from outside (network, DNS, state file, arguments) safe to print on a
/// terminal: every character that [`is_hidden_or_control`] names is shown as a visible
/// escape (`\u{1b}`, `\u{202e}`) instead of being interpreted or hidden.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_or_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_or_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` would act on a terminal, or change or hide how text around it reads,
/// rather than show as itself (docs/reliability.md, "Text from outside"):
///
/// - control characters (general category Cc): C0 (ESC, CR, LF, BEL...), DEL and C1
///   (CSI U+009B...);
/// - format characters (Cf, Unicode 16): the bidi embeddings, overrides and isolates
///   (U+202A..U+202E, U+2066..U+2069), the marks LRM, RLM and ALM (U+200E, U+200F,
///   U+061C), the zero-width space, joiners and word joiner (U+200B..U+200D, U+2060),
///   the byte order mark (U+FEFF), the soft hyphen (U+00AD), the invisible operators,
///   the interlinear annotations and tag characters, and the rest of the category;
/// - the line and paragraph separators (Zl U+2028, Zp U+2029), which some terminals and
///   viewers break lines at.
pub fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061c}'
                | '\u{06dd}'
                | '\u{070f}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralises_escapes_and_newlines() {
        assert_eq!(sanitize("plain ePID-123"), "plain ePID-123");
        let hostile = "x\u{1b}[2J\ny\u{7}\u{9b}z\u{202e}";
        let safe = sanitize(hostile);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe}");
        assert!(safe.contains("\\u{1b}[2J\\u{a}y"), "{safe}");
    }

    #[test]
    fn bidi_and_other_format_characters_are_shown_escaped() {
        let hostile = "kms\u{202e}exe.\u{2066}a\u{2069}\u{200b}\u{200d}\u{feff}\u{ad}\u{61c}\u{2028}\u{e0041}";
        let safe = sanitize(hostile);
        assert_eq!(
            safe,
            "kms\\u{202e}exe.\\u{2066}a\\u{2069}\\u{200b}\\u{200d}\\u{feff}\\u{ad}\\u{61c}\\u{2028}\\u{e0041}"
        );
        // Letters of every script, combining accents, emoji and spaces show as they are.
        for plain in [
            "kms.corp.example",
            "Café",
            "e\u{301}",
            "тест",
            "测试",
            "🔑",
            "a b",
        ] {
            assert_eq!(sanitize(plain), plain);
        }
    }

    #[test]
    fn padding_counts_the_text_not_the_escapes() {
        assert_eq!(paint_padded("OK", 8, Style::Good, false), "OK      ");
        assert_eq!(
            paint_padded("OK", 8, Style::Good, true),
            "\x1b[32mOK\x1b[0m      "
        );
        assert_eq!(paint_padded("CRITICAL", 8, Style::Bad, false), "CRITICAL");
    }

    #[test]
    fn shell_words_paste_as_one_argument() {
        assert_eq!(shell_word("win11-enterprise"), "win11-enterprise");
        assert_eq!(
            shell_word("73111121-5638-40f6-bc11-f1d7b0d64300"),
            "73111121-5638-40f6-bc11-f1d7b0d64300"
        );
        assert_eq!(
            shell_word("Windows 10/11 Enterprise"),
            "\"Windows 10/11 Enterprise\""
        );
        assert_eq!(shell_word(""), "\"\"");
        assert_eq!(shell_word("a;b"), "\"a;b\"");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word("it's $5"), "'it'\\''s $5'");
    }

    #[test]
    fn paint_only_when_enabled() {
        assert_eq!(paint("ok", Style::Good, false), "ok");
        assert_eq!(paint("ok", Style::Good, true), "\x1b[32mok\x1b[0m");
    }
}
