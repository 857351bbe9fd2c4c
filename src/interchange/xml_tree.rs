//! A Moodle XML file as a small element tree, read with quick-xml: names, attributes, the
//! text directly inside each element, and where each element starts.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ReadError, line_at};

/// Deeper nesting than Moodle ever writes is refused rather than followed.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// Text and CDATA directly inside, entities decoded.
    pub text: String,
    /// Byte offset of the start tag.
    pub offset: usize,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The document's root element.
pub fn parse(text: &str) -> Result<Element, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|error| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            ReadError::new(
                line_at(text, at),
                format!("XML error: {error}"),
                "fix the XML here (is every element closed?)",
            )
        })?;
        let error_here =
            |message: String| ReadError::new(line_at(text, offset), message, "fix the XML here");
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(error_here(format!(
                        "elements nested more than {MAX_DEPTH} deep"
                    )));
                }
                stack.push(element(&start, offset).map_err(error_here)?);
            }
            Event::Empty(start) => {
                let empty = element(&start, offset).map_err(error_here)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(empty);
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else { break };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err(error_here("a closing tag without its opening tag".into())),
                }
            }
            Event::Text(content) => push_text(&mut stack, &content.xml10_content()),
            Event::CData(content) => {
                push_text(&mut stack, &content.xml10_content());
            }
            Event::GeneralRef(reference) => {
                let decoded = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = reference.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| error_here(format!("unknown entity &{name};")))?
                            .to_string()
                    }
                    Err(error) => {
                        return Err(error_here(format!("bad character reference: {error}")));
                    }
                };
                push_text(&mut stack, &decoded);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() > 1 {
        return Err(ReadError::new(
            line_at(text, text.len()),
            "the file ends inside an element",
            "close every element (is the file complete?)",
        ));
    }
    stack
        .pop()
        .and_then(|document| document.children.into_iter().next())
        .ok_or_else(|| {
            ReadError::new(
                1,
                "no XML element in the file",
                "export the questions as Moodle XML",
            )
        })
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(current) = stack.last_mut() {
        current.text.push_str(text);
    }
}

fn element(start: &BytesStart<'_>, offset: usize) -> Result<Element, String> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| format!("bad attribute: {error}"))?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| format!("bad attribute value: {error}"))?;
        attributes.push((attribute.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(Element {
        name: start.name().as_ref().to_string(),
        attributes,
        offset,
        ..Element::default()
    })
}
