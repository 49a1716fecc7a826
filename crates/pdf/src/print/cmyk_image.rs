//! Pictures separated into CMYK for print.
//!
//! PDF/X does not let an RGB picture reach the press for the printer's RIP
//! to convert with whatever profile it has at hand. Each picture is
//! converted here, once, from its own ICC profile (or sRGB, which is what an
//! untagged picture means) to the printing condition's profile
//! ([`super::output_intent::PROFILE`]) with the perceptual intent, which
//! compresses colours the press cannot print smoothly instead of clipping
//! them. A JPEG already in CMYK is taken as prepared for the press and
//! embedded as it is.

use std::io::Cursor;
use std::sync::Arc;

use folio_model::doc::{Image, ImageFormat};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageReader};
use krilla::image::{BitsPerComponent, CustomImage, Image as PdfImage, ImageColorspace};
use moxcms::{ColorProfile, DataColorSpace, Layout, RenderingIntent, TransformOptions};

use super::output_intent::PROFILE;

/// `image` as a krilla image in the printing condition's CMYK.
pub(crate) fn separate(image: &Image) -> Result<PdfImage, String> {
    let format = match image.format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
    };
    let mut decoder = ImageReader::with_format(Cursor::new(image.data.as_slice()), format)
        .into_decoder()
        .map_err(|e| e.to_string())?;
    if decoder.original_color_type() == ExtendedColorType::Cmyk8 {
        return PdfImage::from_jpeg(image.data.clone().into(), false);
    }
    let icc = decoder.icc_profile().map_err(|e| e.to_string())?;
    let source = icc
        .and_then(|icc| ColorProfile::new_from_slice(&icc).ok())
        .filter(|profile| profile.color_space == DataColorSpace::Rgb)
        .unwrap_or_else(ColorProfile::new_srgb);
    let pixels = DynamicImage::from_decoder(decoder)
        .map_err(|e| e.to_string())?
        .to_rgba8();
    let (width, height) = pixels.dimensions();
    let (rgb, alpha): (Vec<[u8; 3]>, Vec<u8>) =
        pixels.pixels().map(|p| ([p[0], p[1], p[2]], p[3])).unzip();
    let rgb = rgb.concat();
    let press = ColorProfile::new_from_slice(PROFILE)
        .map_err(|e| format!("the CMYK profile cannot be read: {e}"))?;
    let transform = source
        .create_transform_8bit(
            Layout::Rgb,
            &press,
            Layout::Rgba,
            TransformOptions {
                rendering_intent: RenderingIntent::Perceptual,
                ..TransformOptions::default()
            },
        )
        .map_err(|e| format!("no conversion to CMYK: {e}"))?;
    let mut cmyk = vec![0; rgb.len() / 3 * 4];
    transform
        .transform(&rgb, &mut cmyk)
        .map_err(|e| format!("the conversion to CMYK failed: {e}"))?;
    // An opaque picture needs no soft mask, which would make the page use
    // transparency for nothing.
    let alpha = alpha.iter().any(|&a| a != u8::MAX).then_some(alpha);
    PdfImage::from_custom(
        Separated {
            cmyk: Arc::new(cmyk),
            alpha: alpha.map(Arc::new),
            size: (width, height),
        },
        false,
    )
}

/// Pixels in the printing condition's CMYK, with their opacity.
#[derive(Hash, Clone)]
struct Separated {
    cmyk: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    size: (u32, u32),
}

impl CustomImage for Separated {
    fn color_channel(&self) -> &[u8] {
        &self.cmyk
    }

    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(Vec::as_slice)
    }

    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    /// None: the pixels are in the output intent's CMYK, which is what
    /// DeviceCMYK means in a PDF/X file.
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }

    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Cmyk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(rgba: [u8; 4]) -> Image {
        let mut bytes = Vec::new();
        image::RgbaImage::from_pixel(2, 2, image::Rgba(rgba))
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        Image {
            data: Arc::new(bytes),
            format: ImageFormat::Png,
            width: 2,
            height: 2,
            alt: String::new(),
        }
    }

    #[test]
    fn rgb_pictures_become_cmyk() {
        let image = separate(&png([255, 0, 0, 255])).unwrap();
        assert_eq!(image.size(), (2, 2));
    }

    #[test]
    fn colours_map_to_plausible_inks() {
        let press = ColorProfile::new_from_slice(PROFILE).unwrap();
        let transform = ColorProfile::new_srgb()
            .create_transform_8bit(
                Layout::Rgb,
                &press,
                Layout::Rgba,
                TransformOptions::default(),
            )
            .unwrap();
        let mut cmyk = [0; 12];
        transform
            .transform(&[255, 255, 255, 0, 0, 0, 0, 160, 230], &mut cmyk)
            .unwrap();
        let [white, black, blue] = [&cmyk[..4], &cmyk[4..8], &cmyk[8..]];
        assert!(white.iter().all(|&v| v < 8), "paper white: {white:?}");
        assert!(black[3] > 200, "black uses black ink: {black:?}");
        assert!(
            blue[0] > 150 && blue[2] < 60,
            "blue is mostly cyan: {blue:?}"
        );
    }
}
