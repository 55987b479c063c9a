//! A labelled text input with an optional hint and its error message right beside it, tied together with
//! `aria-describedby` so screen readers read the problem with the field.

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The element id, also the `name`; the error's id is `{id}-error`.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// The field's current problem, in words.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    /// Extra input attributes for codes: no spell-check, capitals.
    #[prop(optional)]
    code: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            {move || {
                error
                    .get()
                    .map(|msg| view! { <p class="field-error" id=error_id.clone()>{msg}</p> })
            }}
            <input
                id=id
                name=id
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                spellcheck=code.then_some("false")
                autocapitalize=code.then_some("characters")
                class:input-code=code
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            />
        </div>
    }
}
