// Generated from the server's OpenAPI document by `npm run api:types`. Do not edit.

export interface paths {
    "/api/csrf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Токен защиты от CSRF для изменяющих запросов (заголовок x-csrf-token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/push/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Браузеры, зарегистрированные для подтверждения входа */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                label: string;
                                browser: string;
                                os: string;
                                webPush: boolean;
                                createdAt: string;
                                lastUsedAt: string | null;
                            }[];
                            vapidPublicKey: string;
                            suggestedLabel: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Зарегистрировать этот браузер для подтверждения входа (открытый ключ устройства и подписка Web Push) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        publicKey: {
                            /** @enum {string} */
                            kty: "EC";
                            /** @enum {string} */
                            crv: "P-256";
                            x: string;
                            y: string;
                        };
                        label?: string;
                        subscription?: {
                            endpoint: string;
                            keys: {
                                p256dh: string;
                                auth: string;
                            };
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            device: {
                                id: string;
                                label: string;
                                browser: string;
                                os: string;
                                webPush: boolean;
                                createdAt: string;
                                lastUsedAt: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/push/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Удалить браузер из подтверждающих вход */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "removed";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Переименовать браузер для подтверждения входа */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "renamed";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/auth/push/device/nonce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Одноразовое значение, которое устройство подписывает, чтобы узнать свои запросы */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nonce: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/push/device/pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Запросы на подтверждение, ждущие ответа этого устройства (подписано ключом устройства) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        deviceId: string;
                        nonce: string;
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @enum {string} */
                                purpose: "login" | "step_up";
                                createdAt: string;
                                expiresAt: string;
                                ip: string | null;
                                location: string | null;
                                browser: string;
                                os: string;
                                deviceType: string;
                                choices: number[];
                            }[];
                            nonce: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/push/device/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ответ устройства на запрос: «Это я» с выбранным числом или «Это не я» (подписано ключом устройства) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        deviceId: string;
                        challengeId: string;
                        /** @enum {string} */
                        decision: "approve" | "deny";
                        number: number | null;
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "approved" | "denied";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтверждение на устройстве как второй фактор входа: отправить запрос (и показать число) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            number: number;
                            expiresAt: string;
                            devices: number;
                            notified: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/push/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ответило ли устройство; после «Это я» — вход выполнен */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "pending";
                            expiresAt: string;
                        } | {
                            /** @enum {string} */
                            status: "denied";
                            /** @enum {string} */
                            reason: "not_me" | "wrong_number";
                            message: string;
                        } | {
                            /** @enum {string} */
                            status: "expired";
                            message: string;
                        } | {
                            /** @enum {string} */
                            status: "signed_in";
                        } | {
                            /** @enum {string} */
                            status: "more";
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/step-up/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить действие на устройстве: отправить запрос (и показать число) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            number: number;
                            expiresAt: string;
                            devices: number;
                            notified: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/step-up/push/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ответило ли устройство; после «Это я» действие подтверждено */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "pending";
                            expiresAt: string;
                        } | {
                            /** @enum {string} */
                            status: "denied";
                            /** @enum {string} */
                            reason: "not_me" | "wrong_number";
                            message: string;
                        } | {
                            /** @enum {string} */
                            status: "expired";
                            message: string;
                        } | {
                            /** @enum {string} */
                            status: "confirmed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Текущий пользователь */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            fullName: string | null;
                            shortName: string;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            phone: string | null;
                            email: string | null;
                            roles: string[];
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход по паролю: первый шаг, затем второй фактор */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "second_factor";
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                            sent: {
                                /** @enum {string} */
                                factor: "sms" | "email";
                                destination: string;
                                expiresAt: string;
                            } | null;
                            push: {
                                number: number;
                                expiresAt: string;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отправить код второго фактора */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить код (SMS, почта, приложение, резервный) и войти — или узнать, что нужно ещё */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email" | "totp" | "backup";
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_in";
                        } | {
                            /** @enum {string} */
                            status: "more";
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход по коду из SMS вместо пароля (затем ещё один фактор, не SMS) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Пароль как второй шаг входа, начатого кодом из SMS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_in";
                        } | {
                            /** @enum {string} */
                            status: "more";
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Выйти */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_out";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Активные сеансы и устройства */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                current: boolean;
                                createdAt: string;
                                lastSeenAt: string;
                                ip: string | null;
                                os: string;
                                browser: string;
                                deviceType: string;
                                method: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Завершить сеанс */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ended";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sessions/end-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Завершить все сеансы, кроме текущего */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** История входов */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    ip?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                ip: string | null;
                                location: string | null;
                                os: string | null;
                                browser: string | null;
                                deviceType: string | null;
                                method: string;
                                methodLabel: string;
                                result: string;
                                resultLabel: string;
                                newDevice: boolean;
                            }[];
                            total: number;
                            page: number;
                            pageSize: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/history.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** История входов в CSV */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    ip?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Регистрация: телефон или почта и согласие; на контакт придёт код */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone?: string;
                        /** Format: email */
                        email?: string;
                        consent: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отправить код регистрации повторно */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить контакт кодом */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "confirmed" | "exists";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/register/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Задать пароль и создать учётную запись (упрощённая) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        lastName?: string;
                        firstName?: string;
                        middleName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "registered";
                            /** Format: uuid */
                            userId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/security/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Подозрительные события входа за 30 дней (служба безопасности) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                at: string;
                                action: string;
                                title: string;
                                description: string | null;
                                ip: string | null;
                                account: {
                                    id: string;
                                    name: string;
                                } | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/security/blocked-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Адреса, заблокированные за массовые неудачные входы (служба безопасности) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                ip: string;
                                reason: string;
                                failures: number;
                                blockedAt: string;
                                blockedUntil: string;
                                active: boolean;
                                liftedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/security/blocked-sources/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Снять блокировку адреса */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "lifted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/step-up/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отправить код для подтверждения действия */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/step-up/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить действие вторым фактором */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email" | "totp" | "backup";
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "confirmed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/factors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Способы входа и вторые факторы */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sms: string | null;
                            email: string | null;
                            apps: {
                                id: string;
                                type: string;
                                label: string;
                                createdAt: string;
                                lastUsedAt: string | null;
                            }[];
                            backupCodesLeft: number;
                            pushDevices: number;
                            frozenUntil: string | null;
                            recentlyAuthenticated: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/factors/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подключить приложение-аутентификатор: секрет и QR-код */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            secret: string;
                            uri: string;
                            qrSvg: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/factors/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Завершить подключение приложения первым кодом */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "added";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/factors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Отключить приложение-аутентификатор */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "removed";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/backup-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Создать новые резервные коды (показываются один раз) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            codes: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Сменить пароль */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "changed";
                            endedSessions: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Восстановление доступа: код на телефон или почту учётной записи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить код восстановления; узнать, нужен ли второй способ */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "second_proof" | "ready";
                            factors: {
                                type: string;
                                destination: string;
                            }[];
                            lockedUntil: string | null;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отправить код второго способа восстановления */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/second": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить второй способ восстановления */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        factor: "sms" | "email" | "totp" | "backup";
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Запрос ключа доступа для второго способа восстановления */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить восстановление ключом доступа (ответ navigator.credentials.get) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        response: {
                            id: string;
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @enum {string} */
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @default {} */
                            clientExtensionResults?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Задать новый пароль; все сеансы завершаются, изменения способов входа замораживаются на 24 часа */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "reset";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/question": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Нет доступа к телефону и почте: паспорт и дата рождения — в ответ контрольный вопрос (для любых данных) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        passport: string;
                        birthDate: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            question: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ответ на контрольный вопрос: верный открывает запрос на восстановление (сам по себе ничего не восстанавливает) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answer: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            number: string;
                            /** @enum {string} */
                            status: "opened" | "completed" | "cancelled" | "expired";
                            /** @enum {string} */
                            openedVia: "online" | "mfc";
                            openedAt: string;
                            expiresAt: string;
                            completedAt: string | null;
                            completedBy: ("bank" | "esign" | "mfc") | null;
                            proof: {
                                /** @enum {string} */
                                method: "bank" | "esign";
                                until: string;
                            } | null;
                            newPhone: string | null;
                            newPhoneConfirmed: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Запрос на восстановление, открытый в этом браузере: этап, вопрос или состояние запроса */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            stage: "none" | "question" | "request";
                            question: string | null;
                            request: {
                                number: string;
                                /** @enum {string} */
                                status: "opened" | "completed" | "cancelled" | "expired";
                                /** @enum {string} */
                                openedVia: "online" | "mfc";
                                openedAt: string;
                                expiresAt: string;
                                completedAt: string | null;
                                completedBy: ("bank" | "esign" | "mfc") | null;
                                proof: {
                                    /** @enum {string} */
                                    method: "bank" | "esign";
                                    until: string;
                                } | null;
                                newPhone: string | null;
                                newPhoneConfirmed: boolean;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отменить запрос на восстановление, открытый в этом браузере */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "cancelled";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** После подтверждения личности: новый номер телефона — на него придёт код */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/phone/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отправить код на новый номер ещё раз */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/phone/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить новый номер кодом из SMS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            number: string;
                            /** @enum {string} */
                            status: "opened" | "completed" | "cancelled" | "expired";
                            /** @enum {string} */
                            openedVia: "online" | "mfc";
                            openedAt: string;
                            expiresAt: string;
                            completedAt: string | null;
                            completedBy: ("bank" | "esign" | "mfc") | null;
                            proof: {
                                /** @enum {string} */
                                method: "bank" | "esign";
                                until: string;
                            } | null;
                            newPhone: string | null;
                            newPhoneConfirmed: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/request/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Новый пароль: запрос выполнен — сеансы завершаются, старые способы входа отключаются, изменения замораживаются на 24 часа */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "completed";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Запросы на восстановление доступа к своей учётной записи */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                number: string;
                                /** @enum {string} */
                                status: "opened" | "completed" | "cancelled" | "expired";
                                /** @enum {string} */
                                openedVia: "online" | "mfc";
                                openedAt: string;
                                expiresAt: string;
                                completedAt: string | null;
                                completedBy: ("bank" | "esign" | "mfc") | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery/requests/{number}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отменить открытый запрос на восстановление доступа к своей учётной записи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "cancelled";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/standard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Стандартная учётная запись: состояние проверки данных в ведомствах */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string | null;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            /** @enum {string} */
                            status: "none" | "pending" | "confirmed" | "rejected";
                            message: string;
                            reason: string | null;
                            whatToDo: string | null;
                            submittedAt: string | null;
                            completedAt: string | null;
                            checks: {
                                /** @enum {string} */
                                kind: "passport" | "snils" | "inn";
                                title: string;
                                registry: string;
                                /** @enum {string} */
                                status: "pending" | "valid" | "invalid" | "no_answer";
                                reason: string | null;
                                whatToDo: string | null;
                            }[];
                            submitted: {
                                lastName: string;
                                firstName: string;
                                middleName: string | null;
                                birthDate: string;
                                passport: string;
                                passportIssuedAt: string;
                                passportIssuerCode: string;
                                snils: string;
                                inn: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Отправить ФИО, дату рождения, паспорт, СНИЛС и ИНН на проверку для стандартной учётной записи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lastName: string;
                        firstName: string;
                        middleName?: string | null;
                        /** Format: date */
                        birthDate: string;
                        passport: string;
                        /** Format: date */
                        passportIssuedAt: string;
                        passportIssuerCode: string;
                        snils: string;
                        inn?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string | null;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            /** @enum {string} */
                            status: "none" | "pending" | "confirmed" | "rejected";
                            message: string;
                            reason: string | null;
                            whatToDo: string | null;
                            submittedAt: string | null;
                            completedAt: string | null;
                            checks: {
                                /** @enum {string} */
                                kind: "passport" | "snils" | "inn";
                                title: string;
                                registry: string;
                                /** @enum {string} */
                                status: "pending" | "valid" | "invalid" | "no_answer";
                                reason: string | null;
                                whatToDo: string | null;
                            }[];
                            submitted: {
                                lastName: string;
                                firstName: string;
                                middleName: string | null;
                                birthDate: string;
                                passport: string;
                                passportIssuedAt: string;
                                passportIssuerCode: string;
                                snils: string;
                                inn: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/bank/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Начать вход, регистрацию или подтверждение личности через банк: адрес страницы банка */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        purpose: "login" | "register" | "confirm" | "recover";
                        consent?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/bank/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Возврат из банка (redirect URI): проверка ответа и переход на страницу результата */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    iss?: string;
                    error?: string;
                    error_description?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/bank/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Результат последнего обращения к банку в этом браузере */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            purpose: "login" | "register" | "confirm" | "recover";
                            /** @enum {string} */
                            status: "signed_in" | "second_factor" | "not_linked" | "registered" | "exists" | "confirmed" | "mismatch" | "linked_elsewhere" | "not_standard" | "verified" | "denied" | "failed";
                            message: string;
                            fields: string[];
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/bank/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Привязан ли банк к учётной записи (только своей) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            linked: boolean;
                            linkedAt: string | null;
                            lastLoginAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/esign/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход по электронной подписи: получить случайные данные для подписи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge: string;
                            type: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/esign/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход по электронной подписи: сертификат и подпись — первый фактор, затем пароль или код */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        certificate: string;
                        clientData: string;
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_in";
                        } | {
                            /** @enum {string} */
                            status: "more";
                            factors: {
                                type: string;
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/esign/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтверждение личности электронной подписью: получить данные для подписи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge: string;
                            type: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/esign/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить личность квалифицированной электронной подписью */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        certificate: string;
                        clientData: string;
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            raised: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/esign/recover/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Восстановление доступа электронной подписью: данные для подписи (для запроса этого браузера) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge: string;
                            type: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/esign/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Восстановление доступа электронной подписью: квалифицированный сертификат с СНИЛС владельца учётной записи */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        certificate: string;
                        clientData: string;
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "verified";
                            until: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/esign/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Сертификаты электронной подписи, привязанные к учётной записи */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                subject: string;
                                issuer: string;
                                serial: string;
                                notBefore: string;
                                notAfter: string;
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/esign/certificates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Отвязать сертификат: входить с ним больше нельзя */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "removed";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Письмо Почтой России с кодом: состояние и отслеживание */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            canOrder: boolean;
                            orderRefusal: string | null;
                            ordersLeft: number;
                            letter: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                status: "ordering" | "sent" | "confirmed" | "returned" | "closed" | "expired" | "failed";
                                message: string;
                                trackNumber: string | null;
                                recipientName: string;
                                address: {
                                    index: string;
                                    region: string | null;
                                    city: string;
                                    street: string;
                                    house: string;
                                    flat: string | null;
                                };
                                dispatchedAt: string | null;
                                expiresAt: string | null;
                                attemptsLeft: number;
                                trackingStatus: ("accepted" | "in_transit" | "arrived" | "delivered" | "returned") | null;
                                trackingUpdatedAt: string | null;
                                events: {
                                    /** @enum {string} */
                                    status: "accepted" | "in_transit" | "arrived" | "delivered" | "returned";
                                    title: string;
                                    at: string;
                                    place: string;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Заказать письмо Почтой России с кодом подтверждения личности */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: {
                            index: string;
                            region?: string | null;
                            city: string;
                            street: string;
                            house: string;
                            flat?: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            canOrder: boolean;
                            orderRefusal: string | null;
                            ordersLeft: number;
                            letter: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                status: "ordering" | "sent" | "confirmed" | "returned" | "closed" | "expired" | "failed";
                                message: string;
                                trackNumber: string | null;
                                recipientName: string;
                                address: {
                                    index: string;
                                    region: string | null;
                                    city: string;
                                    street: string;
                                    house: string;
                                    flat: string | null;
                                };
                                dispatchedAt: string | null;
                                expiresAt: string | null;
                                attemptsLeft: number;
                                trackingStatus: ("accepted" | "in_transit" | "arrived" | "delivered" | "returned") | null;
                                trackingUpdatedAt: string | null;
                                events: {
                                    /** @enum {string} */
                                    status: "accepted" | "in_transit" | "arrived" | "delivered" | "returned";
                                    title: string;
                                    at: string;
                                    place: string;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/post/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ввести код из письма и подтвердить личность */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "confirmed";
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Цели обращения, из которых оператор выбирает причину поиска гражданина */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                value: string;
                                label: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Найти гражданина по точному СНИЛС, телефону или паспорту (записывается в журнал) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "snils" | "phone" | "passport";
                        value: string;
                        /** @enum {string} */
                        reason: "identity_confirmation" | "unlock" | "activation" | "consultation" | "recovery";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            lookupId: string;
                            reasonKey: string;
                            reason: string;
                            openUntil: string;
                            fullName: string | null;
                            birthDate: string | null;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            levelLabel: string;
                            phone: string | null;
                            phoneConfirmed: boolean;
                            email: string | null;
                            emailConfirmed: boolean;
                            locked: boolean;
                            lockedUntil: string | null;
                            activated: boolean;
                            activation: {
                                /** @enum {string} */
                                status: "none" | "active" | "expired" | "used";
                                expiresAt: string | null;
                                /** @enum {string} */
                                purpose: "registration" | "recovery";
                            };
                            check: {
                                /** @enum {string} */
                                status: "none" | "pending" | "confirmed" | "rejected";
                                message: string;
                                checks: {
                                    title: string;
                                    registry: string;
                                    /** @enum {string} */
                                    status: "pending" | "valid" | "invalid" | "no_answer";
                                    reason: string | null;
                                }[];
                            } | null;
                            recovery: {
                                number: string;
                                /** @enum {string} */
                                status: "opened" | "completed" | "cancelled" | "expired";
                                /** @enum {string} */
                                openedVia: "online" | "mfc";
                                openedAt: string;
                                expiresAt: string;
                                completedAt: string | null;
                                completedBy: ("bank" | "esign" | "mfc") | null;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Карточка найденного гражданина (только своя открытая карточка оператора) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            lookupId: string;
                            reasonKey: string;
                            reason: string;
                            openUntil: string;
                            fullName: string | null;
                            birthDate: string | null;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            levelLabel: string;
                            phone: string | null;
                            phoneConfirmed: boolean;
                            email: string | null;
                            emailConfirmed: boolean;
                            locked: boolean;
                            lockedUntil: string | null;
                            activated: boolean;
                            activation: {
                                /** @enum {string} */
                                status: "none" | "active" | "expired" | "used";
                                expiresAt: string | null;
                                /** @enum {string} */
                                purpose: "registration" | "recovery";
                            };
                            check: {
                                /** @enum {string} */
                                status: "none" | "pending" | "confirmed" | "rejected";
                                message: string;
                                checks: {
                                    title: string;
                                    registry: string;
                                    /** @enum {string} */
                                    status: "pending" | "valid" | "invalid" | "no_answer";
                                    reason: string | null;
                                }[];
                            } | null;
                            recovery: {
                                number: string;
                                /** @enum {string} */
                                status: "opened" | "completed" | "cancelled" | "expired";
                                /** @enum {string} */
                                openedVia: "online" | "mfc";
                                openedAt: string;
                                expiresAt: string;
                                completedAt: string | null;
                                completedBy: ("bank" | "esign" | "mfc") | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить личность по предъявленному паспорту (учётная запись становится подтверждённой) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        passport: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            raised: boolean;
                            sessionsEnded: number;
                            slip: {
                                fullName: string | null;
                                phone: string;
                                path: string;
                                link: string;
                                tempPassword: string;
                                expiresAt: string;
                            } | null;
                            citizen: {
                                /** Format: uuid */
                                lookupId: string;
                                reasonKey: string;
                                reason: string;
                                openUntil: string;
                                fullName: string | null;
                                birthDate: string | null;
                                /** @enum {string} */
                                level: "simplified" | "standard" | "confirmed";
                                levelLabel: string;
                                phone: string | null;
                                phoneConfirmed: boolean;
                                email: string | null;
                                emailConfirmed: boolean;
                                locked: boolean;
                                lockedUntil: string | null;
                                activated: boolean;
                                activation: {
                                    /** @enum {string} */
                                    status: "none" | "active" | "expired" | "used";
                                    expiresAt: string | null;
                                    /** @enum {string} */
                                    purpose: "registration" | "recovery";
                                };
                                check: {
                                    /** @enum {string} */
                                    status: "none" | "pending" | "confirmed" | "rejected";
                                    message: string;
                                    checks: {
                                        title: string;
                                        registry: string;
                                        /** @enum {string} */
                                        status: "pending" | "valid" | "invalid" | "no_answer";
                                        reason: string | null;
                                    }[];
                                } | null;
                                recovery: {
                                    number: string;
                                    /** @enum {string} */
                                    status: "opened" | "completed" | "cancelled" | "expired";
                                    /** @enum {string} */
                                    openedVia: "online" | "mfc";
                                    openedAt: string;
                                    expiresAt: string;
                                    completedAt: string | null;
                                    completedBy: ("bank" | "esign" | "mfc") | null;
                                } | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups/{id}/activation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Выдать новую ссылку и временный пароль для активации (прежние перестают действовать) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        passport: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slip: {
                                fullName: string | null;
                                phone: string;
                                path: string;
                                link: string;
                                tempPassword: string;
                                expiresAt: string;
                            };
                            citizen: {
                                /** Format: uuid */
                                lookupId: string;
                                reasonKey: string;
                                reason: string;
                                openUntil: string;
                                fullName: string | null;
                                birthDate: string | null;
                                /** @enum {string} */
                                level: "simplified" | "standard" | "confirmed";
                                levelLabel: string;
                                phone: string | null;
                                phoneConfirmed: boolean;
                                email: string | null;
                                emailConfirmed: boolean;
                                locked: boolean;
                                lockedUntil: string | null;
                                activated: boolean;
                                activation: {
                                    /** @enum {string} */
                                    status: "none" | "active" | "expired" | "used";
                                    expiresAt: string | null;
                                    /** @enum {string} */
                                    purpose: "registration" | "recovery";
                                };
                                check: {
                                    /** @enum {string} */
                                    status: "none" | "pending" | "confirmed" | "rejected";
                                    message: string;
                                    checks: {
                                        title: string;
                                        registry: string;
                                        /** @enum {string} */
                                        status: "pending" | "valid" | "invalid" | "no_answer";
                                        reason: string | null;
                                    }[];
                                } | null;
                                recovery: {
                                    number: string;
                                    /** @enum {string} */
                                    status: "opened" | "completed" | "cancelled" | "expired";
                                    /** @enum {string} */
                                    openedVia: "online" | "mfc";
                                    openedAt: string;
                                    expiresAt: string;
                                    completedAt: string | null;
                                    completedBy: ("bank" | "esign" | "mfc") | null;
                                } | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Разблокировать вход после проверки паспорта */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        passport: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            citizen: {
                                /** Format: uuid */
                                lookupId: string;
                                reasonKey: string;
                                reason: string;
                                openUntil: string;
                                fullName: string | null;
                                birthDate: string | null;
                                /** @enum {string} */
                                level: "simplified" | "standard" | "confirmed";
                                levelLabel: string;
                                phone: string | null;
                                phoneConfirmed: boolean;
                                email: string | null;
                                emailConfirmed: boolean;
                                locked: boolean;
                                lockedUntil: string | null;
                                activated: boolean;
                                activation: {
                                    /** @enum {string} */
                                    status: "none" | "active" | "expired" | "used";
                                    expiresAt: string | null;
                                    /** @enum {string} */
                                    purpose: "registration" | "recovery";
                                };
                                check: {
                                    /** @enum {string} */
                                    status: "none" | "pending" | "confirmed" | "rejected";
                                    message: string;
                                    checks: {
                                        title: string;
                                        registry: string;
                                        /** @enum {string} */
                                        status: "pending" | "valid" | "invalid" | "no_answer";
                                        reason: string | null;
                                    }[];
                                } | null;
                                recovery: {
                                    number: string;
                                    /** @enum {string} */
                                    status: "opened" | "completed" | "cancelled" | "expired";
                                    /** @enum {string} */
                                    openedVia: "online" | "mfc";
                                    openedAt: string;
                                    expiresAt: string;
                                    completedAt: string | null;
                                    completedBy: ("bank" | "esign" | "mfc") | null;
                                } | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/lookups/{id}/recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Восстановить доступ после проверки паспорта: запрос выполняется, на новый телефон уходит ссылка, временный пароль — на памятке */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        passport: string;
                        phone: string;
                        request?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slip: {
                                fullName: string | null;
                                phone: string;
                                path: string;
                                link: string;
                                tempPassword: string;
                                expiresAt: string;
                            };
                            citizen: {
                                /** Format: uuid */
                                lookupId: string;
                                reasonKey: string;
                                reason: string;
                                openUntil: string;
                                fullName: string | null;
                                birthDate: string | null;
                                /** @enum {string} */
                                level: "simplified" | "standard" | "confirmed";
                                levelLabel: string;
                                phone: string | null;
                                phoneConfirmed: boolean;
                                email: string | null;
                                emailConfirmed: boolean;
                                locked: boolean;
                                lockedUntil: string | null;
                                activated: boolean;
                                activation: {
                                    /** @enum {string} */
                                    status: "none" | "active" | "expired" | "used";
                                    expiresAt: string | null;
                                    /** @enum {string} */
                                    purpose: "registration" | "recovery";
                                };
                                check: {
                                    /** @enum {string} */
                                    status: "none" | "pending" | "confirmed" | "rejected";
                                    message: string;
                                    checks: {
                                        title: string;
                                        registry: string;
                                        /** @enum {string} */
                                        status: "pending" | "valid" | "invalid" | "no_answer";
                                        reason: string | null;
                                    }[];
                                } | null;
                                recovery: {
                                    number: string;
                                    /** @enum {string} */
                                    status: "opened" | "completed" | "cancelled" | "expired";
                                    /** @enum {string} */
                                    openedVia: "online" | "mfc";
                                    openedAt: string;
                                    expiresAt: string;
                                    completedAt: string | null;
                                    completedBy: ("bank" | "esign" | "mfc") | null;
                                } | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operator/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Создать учётную запись гражданина в МФЦ; данные уходят на проверку в ведомства */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        person: {
                            lastName: string;
                            firstName: string;
                            middleName?: string | null;
                            /** Format: date */
                            birthDate: string;
                            passport: string;
                            /** Format: date */
                            passportIssuedAt: string;
                            passportIssuerCode: string;
                            snils: string;
                            inn?: string | null;
                        };
                        phone: string;
                        email?: string | null;
                        /** @enum {boolean} */
                        consent: true;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            lookupId: string;
                            reasonKey: string;
                            reason: string;
                            openUntil: string;
                            fullName: string | null;
                            birthDate: string | null;
                            /** @enum {string} */
                            level: "simplified" | "standard" | "confirmed";
                            levelLabel: string;
                            phone: string | null;
                            phoneConfirmed: boolean;
                            email: string | null;
                            emailConfirmed: boolean;
                            locked: boolean;
                            lockedUntil: string | null;
                            activated: boolean;
                            activation: {
                                /** @enum {string} */
                                status: "none" | "active" | "expired" | "used";
                                expiresAt: string | null;
                                /** @enum {string} */
                                purpose: "registration" | "recovery";
                            };
                            check: {
                                /** @enum {string} */
                                status: "none" | "pending" | "confirmed" | "rejected";
                                message: string;
                                checks: {
                                    title: string;
                                    registry: string;
                                    /** @enum {string} */
                                    status: "pending" | "valid" | "invalid" | "no_answer";
                                    reason: string | null;
                                }[];
                            } | null;
                            recovery: {
                                number: string;
                                /** @enum {string} */
                                status: "opened" | "completed" | "cancelled" | "expired";
                                /** @enum {string} */
                                openedVia: "online" | "mfc";
                                openedAt: string;
                                expiresAt: string;
                                completedAt: string | null;
                                completedBy: ("bank" | "esign" | "mfc") | null;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activation/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ссылка для активации учётной записи, созданной в МФЦ: действует ли она */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: string;
                            expiresAt: string;
                            /** @enum {string} */
                            purpose: "registration" | "recovery";
                        };
                    };
                };
            };
        };
        put?: never;
        /** Начать активацию: временный пароль с памятки МФЦ */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tempPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            phone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activation/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Активация: задать свой пароль; на телефон придёт код */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activation/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Активация: отправить код на телефон повторно */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destination: string;
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activation/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Активация: подтвердить телефон кодом из SMS и войти */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_in";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/security-question": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Контрольный вопрос учётной записи (без ответа) и список вопросов */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            question: {
                                key: string;
                                text: string;
                                own: boolean;
                                updatedAt: string;
                            } | null;
                            options: {
                                key: string;
                                text: string;
                            }[];
                            limits: {
                                answerMin: number;
                                answerMax: number;
                                ownQuestionMin: number;
                                ownQuestionMax: number;
                            };
                        };
                    };
                };
            };
        };
        /** Задать или сменить контрольный вопрос (нужно недавнее подтверждение входа) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        questionKey: "own" | "first_teacher" | "childhood_friend" | "first_pet" | "first_concert" | "childhood_street" | "first_book" | "dream_job";
                        ownQuestion?: string | null;
                        answer: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "saved";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ключи доступа (passkeys) учётной записи */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                deviceType: "singleDevice" | "multiDevice";
                                backedUp: boolean;
                                transports: string[];
                                createdAt: string;
                                lastUsedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Завершить добавление ключа доступа ответом браузера */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        response: {
                            id: string;
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                attestationObject: string;
                                authenticatorData?: string;
                                transports?: string[];
                                publicKeyAlgorithm?: number;
                                publicKey?: string;
                            };
                            /** @enum {string} */
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @default {} */
                            clientExtensionResults?: {
                                [key: string]: unknown;
                            };
                        };
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passkey: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                deviceType: "singleDevice" | "multiDevice";
                                backedUp: boolean;
                                transports: string[];
                                createdAt: string;
                                lastUsedAt: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Начать добавление ключа доступа: параметры для navigator.credentials.create */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Удалить ключ доступа */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "removed";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Переименовать ключ доступа */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "renamed";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/auth/passkey/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход с ключом доступа: начать (любой ключ доступа этого сайта, без логина) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ключ доступа как второй фактор входа: параметры для navigator.credentials.get */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подтвердить вход ключом доступа (ответ navigator.credentials.get) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        response: {
                            id: string;
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @enum {string} */
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @default {} */
                            clientExtensionResults?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "signed_in";
                        } | {
                            /** @enum {string} */
                            status: "more";
                            factors: {
                                /** @enum {string} */
                                type: "password" | "passkey" | "push" | "sms" | "email" | "totp" | "backup";
                                destination: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Какие способы входа включены; напоминание о смене пароля */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            methods: {
                                /** @enum {string} */
                                method: "sms" | "bank" | "esign";
                                enabled: boolean;
                                available: boolean;
                            }[];
                            passwordReminderMonths: number | null;
                            passwordReminderDue: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login-methods/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Включить или отключить способ входа (нужно недавнее подтверждение второго фактора) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    method: "sms" | "bank" | "esign";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            methods: {
                                /** @enum {string} */
                                method: "sms" | "bank" | "esign";
                                enabled: boolean;
                                available: boolean;
                            }[];
                            passwordReminderMonths: number | null;
                            passwordReminderDue: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reminder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Напоминать о смене пароля раз в 3, 6 или 12 месяцев (или не напоминать) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        months: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            methods: {
                                /** @enum {string} */
                                method: "sms" | "bank" | "esign";
                                enabled: boolean;
                                available: boolean;
                            }[];
                            passwordReminderMonths: number | null;
                            passwordReminderDue: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
