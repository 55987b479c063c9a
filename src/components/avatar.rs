//! A pupil's monster, drawn as inline SVG from the avatar's data: a body shape, eyes, a mouth, an accessory
//! and a colour. Every shape is drawn here; nothing is fetched.

use hometime_api::Avatar as AvatarData;
use leptos::prelude::*;

pub const BODIES: usize = 4;
pub const EYES: usize = 4;
pub const MOUTHS: usize = 4;
pub const ACCESSORIES: usize = 5;
const DEFAULT_COLOUR: &str = "#6c5ce7";
const INK: &str = "#2d3436";
const LIGHT_INK: &str = "#f5f6fa";

/// The colour to paint, or the default when the stored one is not a plain `#rrggbb` (the value ends up in
/// an SVG attribute, so only a known-safe shape gets through).
pub fn safe_colour(colour: &str) -> &str {
    let ok = colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok { colour } else { DEFAULT_COLOUR }
}

/// WCAG relative luminance of a `#rrggbb` colour.
fn luminance(colour: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&colour[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// The colour for features drawn straight onto the body (sleepy eyes, mouths): whichever of dark or light
/// ink stands out more against the body, so a monster never loses its face.
pub fn feature_ink(colour: &str) -> &'static str {
    let body = luminance(safe_colour(colour));
    let contrast = |ink: &str| {
        let l = luminance(ink);
        (l.max(body) + 0.05) / (l.min(body) + 0.05)
    };
    if contrast(LIGHT_INK) > contrast(INK) {
        LIGHT_INK
    } else {
        INK
    }
}

/// The part indices to draw (body, eyes, mouth, accessory); out-of-range numbers wrap, so an avatar made by
/// a newer app with more shapes still draws.
pub fn parts(a: &AvatarData) -> (usize, usize, usize, usize) {
    (
        usize::from(a.body) % BODIES,
        usize::from(a.eyes) % EYES,
        usize::from(a.mouth) % MOUTHS,
        usize::from(a.accessory) % ACCESSORIES,
    )
}

fn body(i: usize, fill: String) -> AnyView {
    match i {
        0 => view! { <circle cx="50" cy="57" r="35" fill=fill stroke=INK stroke-width="3"/> }.into_any(),
        1 => view! {
            <rect x="21" y="20" width="58" height="72" rx="26" fill=fill stroke=INK stroke-width="3"/>
        }
        .into_any(),
        2 => view! {
            <path
                d="M18 90 V54 a32 32 0 0 1 64 0 V90 l-10.7 -7 l-10.6 7 l-10.7 -7 l-10.7 7 l-10.6 -7 Z"
                fill=fill
                stroke=INK
                stroke-width="3"
                stroke-linejoin="round"
            />
        }
        .into_any(),
        _ => view! {
            <path
                d="M22 34 L30 16 L42 28 H58 L70 16 L78 34 V82 a10 10 0 0 1 -10 10 H32 a10 10 0 0 1 -10 -10 Z"
                fill=fill
                stroke=INK
                stroke-width="3"
                stroke-linejoin="round"
            />
        }
        .into_any(),
    }
}

fn eye(cx: f32, cy: f32, r: f32) -> impl IntoView {
    view! {
        <circle cx=cx cy=cy r=r fill="#ffffff" stroke=INK stroke-width="2"/>
        <circle cx=cx + r * 0.25 cy=cy r=r * 0.45 fill=INK/>
    }
}

fn eyes(i: usize, ink: &'static str) -> AnyView {
    match i {
        0 => view! { {eye(39.0, 50.0, 8.0)} {eye(61.0, 50.0, 8.0)} }.into_any(),
        1 => eye(50.0, 49.0, 13.0).into_any(),
        2 => view! { {eye(34.0, 53.0, 6.5)} {eye(50.0, 44.0, 7.5)} {eye(66.0, 53.0, 6.5)} }.into_any(),
        _ => view! {
            <path d="M31 52 q8 7 16 0" fill="none" stroke=ink stroke-width="3" stroke-linecap="round"/>
            <path d="M53 52 q8 7 16 0" fill="none" stroke=ink stroke-width="3" stroke-linecap="round"/>
        }
        .into_any(),
    }
}

fn mouth(i: usize, ink: &'static str) -> AnyView {
    match i {
        0 => view! {
            <path d="M37 68 q13 12 26 0" fill="none" stroke=ink stroke-width="3" stroke-linecap="round"/>
        }
        .into_any(),
        1 => view! { <ellipse cx="50" cy="72" rx="7" ry="8" fill=ink/> }.into_any(),
        2 => view! {
            <path d="M34 67 H66 q-16 16 -32 0 Z" fill=ink stroke=ink stroke-width="2" stroke-linejoin="round"/>
            <path d="M39 67 l3 6 l3 -6 Z" fill="#ffffff" stroke=INK stroke-width="1"/>
            <path d="M55 67 l3 6 l3 -6 Z" fill="#ffffff" stroke=INK stroke-width="1"/>
        }
        .into_any(),
        _ => view! {
            <path d="M38 68 q12 9 24 0" fill="none" stroke=ink stroke-width="3" stroke-linecap="round"/>
            <path d="M46 72 v6 a4 4 0 0 0 8 0 v-6" fill="#ff7675" stroke=ink stroke-width="2"/>
        }
        .into_any(),
    }
}

fn accessory(i: usize) -> AnyView {
    match i {
        1 => view! {
            <path d="M30 30 L24 10 L40 24 Z" fill="#fdcb6e" stroke=INK stroke-width="2.5" stroke-linejoin="round"/>
            <path d="M70 30 L76 10 L60 24 Z" fill="#fdcb6e" stroke=INK stroke-width="2.5" stroke-linejoin="round"/>
        }
        .into_any(),
        2 => view! {
            <path d="M50 24 V8" stroke=INK stroke-width="3" stroke-linecap="round"/>
            <circle cx="50" cy="7" r="5" fill="#ff7675" stroke=INK stroke-width="2"/>
        }
        .into_any(),
        3 => view! {
            <path d="M36 26 L50 2 L64 26 Z" fill="#00b894" stroke=INK stroke-width="2.5" stroke-linejoin="round"/>
            <circle cx="50" cy="3" r="4" fill="#fdcb6e" stroke=INK stroke-width="2"/>
        }
        .into_any(),
        4 => view! {
            <path d="M50 84 L38 77 V91 Z M50 84 L62 77 V91 Z" fill="#fd79a8" stroke=INK stroke-width="2" stroke-linejoin="round"/>
            <circle cx="50" cy="84" r="3.5" fill="#e84393" stroke=INK stroke-width="1.5"/>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// Draws the monster. With a `label` it is an image with that accessible name; without one it is
/// decoration, hidden from screen readers (for when the name is printed next to it).
#[component]
pub fn Avatar(
    avatar: AvatarData,
    #[prop(optional, into)] label: Option<String>,
    /// Extra CSS class for sizing: `avatar-small`, `avatar-large`.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let (b, e, m, a) = parts(&avatar);
    let fill = safe_colour(&avatar.colour).to_owned();
    let ink = feature_ink(&avatar.colour);
    let hidden = label.is_none().then_some("true");
    let role = label.is_some().then_some("img");
    view! {
        <svg
            class=format!("avatar {class}")
            viewBox="0 0 100 100"
            xmlns="http://www.w3.org/2000/svg"
            role=role
            aria-label=label
            aria-hidden=hidden
            focusable="false"
        >
            {body(b, fill)}
            {accessory(a)}
            {eyes(e, ink)}
            {mouth(m, ink)}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_hex_colours_are_painted() {
        let cases = [
            ("#00b894", "#00b894"),
            ("#ABCDEF", "#ABCDEF"),
            ("red", DEFAULT_COLOUR),
            ("#12345", DEFAULT_COLOUR),
            ("#12345g", DEFAULT_COLOUR),
            ("\"/><script>", DEFAULT_COLOUR),
            ("", DEFAULT_COLOUR),
        ];
        for (raw, want) in cases {
            assert_eq!(safe_colour(raw), want, "{raw}");
        }
    }

    #[test]
    fn faces_stay_visible_on_dark_bodies() {
        let cases = [
            ("#2d3436", LIGHT_INK),
            ("#000000", LIGHT_INK),
            ("#6c5ce7", LIGHT_INK),
            ("#00b894", INK),
            ("#fdcb6e", INK),
            ("#ffffff", INK),
            ("not a colour", LIGHT_INK),
        ];
        for (colour, want) in cases {
            assert_eq!(feature_ink(colour), want, "{colour}");
        }
    }

    #[test]
    fn part_numbers_wrap_instead_of_failing() {
        let a = AvatarData {
            body: 5,
            eyes: 1,
            mouth: 200,
            accessory: 4,
            colour: "#000000".to_owned(),
        };
        assert_eq!(parts(&a), (1, 1, 0, 4));
    }
}
