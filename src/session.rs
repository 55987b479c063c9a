//! Who is signed in: one `GET /me` read, shared through context, and updated in place when someone signs in
//! or out so every screen agrees without asking the server again.

use hometime_api::{ApiError, ErrorCode, Me};
use leptos::prelude::*;

use crate::api;
use crate::errors::AppError;
use crate::routes::SessionView;

#[derive(Clone, Copy)]
pub struct Session {
    me: LocalResource<Result<Me, AppError>>,
}

impl Session {
    /// Starts reading `GET /me`. Call once, in the app's root.
    pub fn new() -> Session {
        Session {
            me: LocalResource::new(api::me),
        }
    }

    /// A session that already knows its answer, for component tests that never talk to a server.
    pub fn fixed(me: Option<Me>) -> Session {
        let session = Session {
            me: LocalResource::new(std::future::pending),
        };
        session.me.set(Some(me.ok_or_else(signed_out)));
        session
    }

    /// The session as the route guards see it. A failure other than "not signed in" counts as loading:
    /// [`Session::failure`] shows it.
    pub fn view(&self) -> SessionView {
        match self.me.get() {
            None => SessionView::Loading,
            Some(Ok(me)) => SessionView::SignedIn(me.home),
            Some(Err(e)) if e.is_unauthenticated() => SessionView::SignedOut,
            Some(Err(_)) => SessionView::Loading,
        }
    }

    /// Why we could not find out who is signed in (offline, server down), if that happened.
    pub fn failure(&self) -> Option<AppError> {
        match self.me.get() {
            Some(Err(e)) if !e.is_unauthenticated() => Some(e),
            _ => None,
        }
    }

    pub fn me(&self) -> Option<Me> {
        self.me.get().and_then(Result::ok)
    }

    pub fn retry(&self) {
        self.me.refetch();
    }

    pub fn signed_in(&self, me: Me) {
        self.me.set(Some(Ok(me)));
    }

    pub fn signed_out(&self) {
        self.me.set(Some(Err(signed_out())));
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

fn signed_out() -> AppError {
    AppError::Api(ApiError::new(ErrorCode::Unauthenticated, "signed out"))
}

/// The session from context. Panics outside [`crate::App`], which provides it: a programming error.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
