//! The HTML alternative of a message, made from its text so that both say the same: every
//! character escaped, paragraphs kept, addresses as links (the invitation link as a button
//! people find), list lines as a list. Nothing from outside (images, fonts, styles) is loaded.

/// The message `text` as a small, self-contained HTML page.
pub fn page(text: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;max-width:640px\">",
    );
    for block in text.replace("\r\n", "\n").split("\n\n").filter(|b| !b.trim().is_empty()) {
        let lines: Vec<&str> = block.lines().collect();
        if lines.first().is_some_and(|l| l.trim() == "--") {
            out.push_str("<p style=\"color:#57606a;font-size:13px;border-top:1px solid #d0d7de;padding-top:8px\">");
            out.push_str(&lines[1..].iter().map(|l| inline(l)).collect::<Vec<_>>().join("<br>"));
            out.push_str("</p>");
        } else if lines.iter().all(|l| l.starts_with("- ")) {
            out.push_str("<ul>");
            for line in lines {
                out.push_str(&format!("<li>{}</li>", inline(&line[2..])));
            }
            out.push_str("</ul>");
        } else if lines.len() == 1 && is_link(lines[0].trim()) {
            let url = escape(lines[0].trim());
            out.push_str(&format!(
                "<p><a href=\"{url}\" style=\"display:inline-block;background:#3b5bdb;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none\">Open the questionnaire</a></p>\
                 <p style=\"font-size:13px;color:#57606a\">Or copy this address into your browser: {url}</p>"
            ));
        } else {
            let signature = lines.iter().position(|l| l.trim() == "--");
            let (body, tail) = lines.split_at(signature.unwrap_or(lines.len()));
            out.push_str(&format!("<p>{}</p>", body.iter().map(|l| inline(l)).collect::<Vec<_>>().join("<br>")));
            if tail.len() > 1 {
                out.push_str("<p style=\"color:#57606a;font-size:13px;border-top:1px solid #d0d7de;padding-top:8px\">");
                out.push_str(&tail[1..].iter().map(|l| inline(l)).collect::<Vec<_>>().join("<br>"));
                out.push_str("</p>");
            }
        }
    }
    out.push_str("</body></html>");
    out
}

fn is_link(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://")) && !word.contains(char::is_whitespace)
}

/// One line: escaped, with web addresses as links.
fn inline(line: &str) -> String {
    line.split(' ')
        .map(|word| if is_link(word) { format!("<a href=\"{0}\">{0}</a>", escape(word)) } else { escape(word) })
        .collect::<Vec<_>>()
        .join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page;

    #[test]
    fn text_becomes_escaped_paragraphs_lists_and_a_link_button() {
        let text = "Hello Ines,\n\n<b>Acme</b> & \"partners\" asks:\n- BAS-01: attach the policy\n- DAT-04: off-site copies\n\nOpen your questionnaire:\nhttps://cw.example/respond#token=abc\n\nhttps://cw.example/respond#token=abc\n\n--\nAcme sent this. Reply to reach Ola <ola@acme.example>.\n";
        let html = page(text);
        assert!(html.contains("&lt;b&gt;Acme&lt;/b&gt; &amp; &quot;partners&quot;"), "{html}");
        assert!(!html.contains("<b>"), "nothing from the text is markup");
        assert!(
            html.contains("<a href=\"https://cw.example/respond#token=abc\">https://cw.example/respond#token=abc</a>")
        );
        assert!(html.contains(">Open the questionnaire</a>"), "a link alone on its paragraph is a button");
        assert!(html.contains("Ola &lt;ola@acme.example&gt;"));
        assert!(!html.contains("<ul>"), "mixed lines stay a paragraph");
        let listed = page("Points:\n\n- one\n- two <x>\n");
        assert!(listed.contains("<ul><li>one</li><li>two &lt;x&gt;</li></ul>"), "{listed}");
    }

    #[test]
    fn a_link_with_a_quote_cannot_leave_its_attribute() {
        let html = page("https://evil.example/\"onmouseover=\"alert(1)");
        assert!(html.contains("href=\"https://evil.example/&quot;onmouseover=&quot;alert(1)\""), "{html}");
    }
}
