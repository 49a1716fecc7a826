//! PDF/X-4 identification: the output intent and the version keys, added
//! after krilla with an incremental update (which `overprint.rs` shares).
//!
//! krilla writes an output intent only for PDF/A (sRGB, subtype GTS_PDFA1)
//! and has no PDF/X mode. Rather than parse and re-serialise the whole file,
//! what PDF/X-4 needs beyond krilla's output is appended to it as an
//! incremental update (ISO 32000-1, 7.5.6): krilla's bytes stay as they are,
//! followed by the new and replaced objects, a cross-reference section for
//! them and a trailer whose `/Prev` points at krilla's. Readers take the
//! latest version of each object:
//!
//! - the output intent (`/S /GTS_PDFX`) with the CMYK profile of the
//!   printing condition, FOGRA39 (offset on coated paper, ISO 12647-2), to
//!   which the file's DeviceCMYK values refer;
//! - the catalog, pointing at it;
//! - the document information, with `/GTS_PDFXVersion (PDF/X-4)` and
//!   `/Trapped /False` (Folio does no trapping: the printer may);
//! - the XMP metadata, saying the same, with the version and rendition
//!   keys PDF/X-4 asks of it.

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, Stream, dictionary};

/// The printing condition's ICC profile: made with ArgyllCMS from Fogra's
/// FOGRA39L characterisation data (see `assets/README.md`).
pub(crate) const PROFILE: &[u8] = include_bytes!("../../assets/folio-fogra39.icc");

/// The characterisation the profile describes, as registered in the ICC's
/// characterisation data registry: a RIP that knows it may use its own
/// profile for the condition.
const CONDITION: &str = "FOGRA39";
const REGISTRY: &str = "http://www.color.org";
const CONDITION_NAME: &str = "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, \
     paper type 1 or 2 = coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)";

/// Adds the PDF/X-4 output intent and keys to the update of krilla's file.
pub(crate) fn add(update: &mut IncrementalDocument) -> Result<(), String> {
    let doc = update.get_prev_documents();
    let catalog_id = reference(&doc.trailer, b"Root")?;
    let info_id = reference(&doc.trailer, b"Info")?;
    let catalog = doc.get_dictionary(catalog_id).map_err(|e| e.to_string())?;
    let metadata_id = reference(catalog, b"Metadata")?;
    let xmp = match doc.get_object(metadata_id) {
        Ok(Object::Stream(stream)) => stream.get_plain_content().map_err(|e| e.to_string())?,
        _ => return Err("the catalog's /Metadata is not a stream".into()),
    };
    let xmp = String::from_utf8(xmp).map_err(|_| "the XMP metadata is not UTF-8")?;
    let mut catalog = catalog.clone();
    let mut info = doc
        .get_dictionary(info_id)
        .map_err(|e| e.to_string())?
        .clone();

    let new = &mut update.new_document;
    let mut profile = Stream::new(dictionary! { "N" => 4 }, PROFILE.to_vec());
    profile.compress().map_err(|e| e.to_string())?;
    let profile_id = new.add_object(profile);
    let intent = new.add_object(dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFX",
        "OutputConditionIdentifier" => Object::string_literal(CONDITION),
        "RegistryName" => Object::string_literal(REGISTRY),
        "OutputCondition" => Object::string_literal(CONDITION_NAME),
        "Info" => Object::string_literal("Folio FOGRA39 (coated, ISO 12647-2:2004/Amd 1)"),
        "DestOutputProfile" => profile_id,
    });
    catalog.set("OutputIntents", vec![Object::Reference(intent)]);
    new.set_object(catalog_id, catalog);

    info.set("GTS_PDFXVersion", Object::string_literal("PDF/X-4"));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    new.set_object(info_id, info);

    let metadata = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        pdfx_xmp(&xmp)?.into_bytes(),
    )
    // XMP stays uncompressed, readable by tools that don't read PDF.
    .with_compression(false);
    new.set_object(metadata_id, metadata);
    Ok(())
}

fn reference(dict: &Dictionary, key: &[u8]) -> Result<ObjectId, String> {
    dict.get(key)
        .and_then(Object::as_reference)
        .map_err(|_| format!("no /{} reference", String::from_utf8_lossy(key)))
}

/// krilla's XMP packet with the PDF/X-4 properties: the version, trapping
/// (as in the information dictionary), a version id, and the rendition
/// class of a master file rather than krilla's "proof".
fn pdfx_xmp(xmp: &str) -> Result<String, String> {
    let end = xmp
        .find("</rdf:RDF>")
        .ok_or("the XMP packet has no rdf:RDF element")?;
    let properties = concat!(
        r#"<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" "#,
        r#"xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">"#,
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "</rdf:Description>",
    );
    let xmp = format!("{}{properties}{}", &xmp[..end], &xmp[end..]);
    Ok(xmp.replace(
        "<xmpMM:RenditionClass>proof</xmpMM:RenditionClass>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
    ))
}
