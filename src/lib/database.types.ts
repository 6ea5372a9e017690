export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "12"
  }
  graphql_public: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
  public: {
    Tables: {
      campaign_contacts: {
        Row: {
          campaign_id: string
          contact_consent_at: string
          contact_id: string
          email: string | null
          member_id: string
          store_id: string
        }
        Insert: {
          campaign_id: string
          contact_consent_at: string
          contact_id: string
          email?: string | null
          member_id: string
          store_id: string
        }
        Update: {
          campaign_id?: string
          contact_consent_at?: string
          contact_id?: string
          email?: string | null
          member_id?: string
          store_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "campaign_contacts_campaign_id_member_id_fkey"
            columns: ["campaign_id", "member_id"]
            isOneToOne: false
            referencedRelation: "campaign_recipients"
            referencedColumns: ["campaign_id", "member_id"]
          },
          {
            foreignKeyName: "campaign_contacts_campaign_id_store_id_fkey"
            columns: ["campaign_id", "store_id"]
            isOneToOne: false
            referencedRelation: "campaigns"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "campaign_contacts_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
        ]
      }
      campaign_recipients: {
        Row: {
          campaign_id: string
          member_id: string
          store_id: string
        }
        Insert: {
          campaign_id: string
          member_id: string
          store_id: string
        }
        Update: {
          campaign_id?: string
          member_id?: string
          store_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "campaign_recipients_campaign_id_store_id_fkey"
            columns: ["campaign_id", "store_id"]
            isOneToOne: false
            referencedRelation: "campaigns"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "campaign_recipients_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      campaigns: {
        Row: {
          channel: string
          created_at: string
          created_by: string | null
          filters: NonNullable<Json>
          id: string
          request_id: string | null
          segment_id: string | null
          segment_name: string
          sent_at: string
          sent_count: number
          store_id: string
          subject: string
        }
        Insert: {
          channel: string
          created_at?: string
          created_by?: string | null
          filters: NonNullable<Json>
          id?: string
          request_id?: string | null
          segment_id?: string | null
          segment_name: string
          sent_at: string
          sent_count: number
          store_id: string
          subject: string
        }
        Update: {
          channel?: string
          created_at?: string
          created_by?: string | null
          filters?: NonNullable<Json>
          id?: string
          request_id?: string | null
          segment_id?: string | null
          segment_name?: string
          sent_at?: string
          sent_count?: number
          store_id?: string
          subject?: string
        }
        Relationships: [
          {
            foreignKeyName: "campaigns_segment_id_store_id_fkey"
            columns: ["segment_id", "store_id"]
            isOneToOne: false
            referencedRelation: "segments"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "campaigns_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      coupons: {
        Row: {
          claimable: boolean
          code: string
          created_at: string
          currency: string | null
          description: NonNullable<Json>
          id: string
          is_gift_pack: boolean
          kind: string
          min_order_amount: number | null
          min_tier_rank: number
          per_member_limit: number
          store_id: string
          updated_at: string
          valid_from: string
          valid_until: string | null
          value: number
          description_local: string | null
          text_langs: Json | null
        }
        Insert: {
          claimable?: boolean
          code: string
          created_at?: string
          currency?: string | null
          description?: NonNullable<Json>
          id?: string
          is_gift_pack?: boolean
          kind: string
          min_order_amount?: number | null
          min_tier_rank?: number
          per_member_limit?: number
          store_id: string
          updated_at?: string
          valid_from?: string
          valid_until?: string | null
          value: number
        }
        Update: {
          claimable?: boolean
          code?: string
          created_at?: string
          currency?: string | null
          description?: NonNullable<Json>
          id?: string
          is_gift_pack?: boolean
          kind?: string
          min_order_amount?: number | null
          min_tier_rank?: number
          per_member_limit?: number
          store_id?: string
          updated_at?: string
          valid_from?: string
          valid_until?: string | null
          value?: number
        }
        Relationships: [
          {
            foreignKeyName: "coupons_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      inquiries: {
        Row: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          closed_at: string | null
          contact_id: string | null
          created_at: string
          currency: string | null
          first_answered_at: string | null
          id: string
          member_id: string
          message: string
          product_id: string | null
          quantity: number | null
          status: string
          store_id: string
          target_price: number | null
        }
        Insert: {
          answer?: string | null
          answered_at?: string | null
          answered_by?: string | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          currency?: string | null
          first_answered_at?: string | null
          id?: string
          member_id: string
          message: string
          product_id?: string | null
          quantity?: number | null
          status?: string
          store_id: string
          target_price?: number | null
        }
        Update: {
          answer?: string | null
          answered_at?: string | null
          answered_by?: string | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          currency?: string | null
          first_answered_at?: string | null
          id?: string
          member_id?: string
          message?: string
          product_id?: string | null
          quantity?: number | null
          status?: string
          store_id?: string
          target_price?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "inquiries_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inquiries_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "inquiries_product_id_fkey"
            columns: ["product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["id"]
          },
        ]
      }
      member_contacts: {
        Row: {
          contact_consent_at: string | null
          created_at: string
          email: string | null
          full_name: string
          id: string
          job_title: string | null
          member_id: string
          phone: string | null
          preferred_locale: string | null
          role: string
          store_id: string
          updates_seen_at: string
          user_id: string
          wechat: string | null
          whatsapp: string | null
        }
        Insert: {
          contact_consent_at?: string | null
          created_at?: string
          email?: string | null
          full_name: string
          id?: string
          job_title?: string | null
          member_id: string
          phone?: string | null
          preferred_locale?: string | null
          role?: string
          store_id: string
          updates_seen_at?: string
          user_id: string
          wechat?: string | null
          whatsapp?: string | null
        }
        Update: {
          contact_consent_at?: string | null
          created_at?: string
          email?: string | null
          full_name?: string
          id?: string
          job_title?: string | null
          member_id?: string
          phone?: string | null
          preferred_locale?: string | null
          role?: string
          store_id?: string
          updates_seen_at?: string
          user_id?: string
          wechat?: string | null
          whatsapp?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "member_contacts_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      member_coupons: {
        Row: {
          claimed_at: string
          claimed_by: string | null
          coupon_id: string
          id: string
          member_id: string
          request_id: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at: string | null
          taken_back_by: string | null
          used_at: string | null
          used_by: string | null
          used_order_ref: string | null
        }
        Insert: {
          claimed_at?: string
          claimed_by?: string | null
          coupon_id: string
          id?: string
          member_id: string
          request_id?: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at?: string | null
          taken_back_by?: string | null
          used_at?: string | null
          used_by?: string | null
          used_order_ref?: string | null
        }
        Update: {
          claimed_at?: string
          claimed_by?: string | null
          coupon_id?: string
          id?: string
          member_id?: string
          request_id?: string | null
          slot?: number
          source?: string
          store_id?: string
          taken_back_at?: string | null
          taken_back_by?: string | null
          used_at?: string | null
          used_by?: string | null
          used_order_ref?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "member_coupons_coupon_id_store_id_fkey"
            columns: ["coupon_id", "store_id"]
            isOneToOne: false
            referencedRelation: "coupons"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "member_coupons_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      member_invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          member_id: string
          store_id: string
          token: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          member_id: string
          store_id: string
          token?: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          member_id?: string
          store_id?: string
          token?: string
        }
        Relationships: [
          {
            foreignKeyName: "member_invitations_accepted_by_fkey"
            columns: ["accepted_by"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "member_invitations_invited_by_fkey"
            columns: ["invited_by"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "member_invitations_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      members: {
        Row: {
          company_name: string
          country: string | null
          erased_by: string | null
          id: string
          industry: string | null
          industry_key: string | null
          joined_at: string
          last_evaluated_at: string | null
          last_paid_order_at: string | null
          left_at: string | null
          paid_once: unknown
          paid_order_gap_median: string | null
          paid_twice: unknown
          period_oldest_paid_at: string | null
          period_paid_amount: number | null
          period_paid_orders: number | null
          points_balance: number
          previous_paid_order_at: string | null
          product_categories: string[]
          purchase_volume: string | null
          rebate_balance: number
          store_id: string
          tier_id: string | null
          tier_override_expires_at: string | null
          tier_override_id: string | null
          tier_override_reason: string | null
          tier_valid_until: string | null
          updated_at: string
          website: string | null
        }
        Insert: {
          company_name: string
          country?: string | null
          erased_by?: string | null
          id?: string
          industry?: string | null
          industry_key?: never
          joined_at?: string
          last_evaluated_at?: string | null
          last_paid_order_at?: string | null
          left_at?: string | null
          paid_once?: unknown
          paid_order_gap_median?: string | null
          paid_twice?: unknown
          period_oldest_paid_at?: string | null
          period_paid_amount?: number | null
          period_paid_orders?: number | null
          points_balance?: number
          previous_paid_order_at?: string | null
          product_categories?: string[]
          purchase_volume?: string | null
          rebate_balance?: number
          store_id: string
          tier_id?: string | null
          tier_override_expires_at?: string | null
          tier_override_id?: string | null
          tier_override_reason?: string | null
          tier_valid_until?: string | null
          updated_at?: string
          website?: string | null
        }
        Update: {
          company_name?: string
          country?: string | null
          erased_by?: string | null
          id?: string
          industry?: string | null
          industry_key?: never
          joined_at?: string
          last_evaluated_at?: string | null
          last_paid_order_at?: string | null
          left_at?: string | null
          paid_once?: unknown
          paid_order_gap_median?: string | null
          paid_twice?: unknown
          period_oldest_paid_at?: string | null
          period_paid_amount?: number | null
          period_paid_orders?: number | null
          points_balance?: number
          previous_paid_order_at?: string | null
          product_categories?: string[]
          purchase_volume?: string | null
          rebate_balance?: number
          store_id?: string
          tier_id?: string | null
          tier_override_expires_at?: string | null
          tier_override_id?: string | null
          tier_override_reason?: string | null
          tier_valid_until?: string | null
          updated_at?: string
          website?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "members_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "members_tier_id_store_id_fkey"
            columns: ["tier_id", "store_id"]
            isOneToOne: false
            referencedRelation: "tiers"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "members_tier_override_id_store_id_fkey"
            columns: ["tier_override_id", "store_id"]
            isOneToOne: false
            referencedRelation: "tiers"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      merchant_cards: {
        Row: {
          address: NonNullable<Json>
          contact_name: string | null
          contact_title: NonNullable<Json>
          email: string | null
          introduction: NonNullable<Json>
          logo_path: string | null
          logo_updated_at: string
          phone: string | null
          store_id: string
          title: NonNullable<Json>
          updated_at: string
          website: string | null
          wechat: string | null
          whatsapp: string | null
          address_local: string | null
          contact_title_local: string | null
          introduction_local: string | null
          text_langs: Json | null
          title_local: string | null
        }
        Insert: {
          address?: NonNullable<Json>
          contact_name?: string | null
          contact_title?: NonNullable<Json>
          email?: string | null
          introduction?: NonNullable<Json>
          logo_path?: string | null
          logo_updated_at?: string
          phone?: string | null
          store_id: string
          title: NonNullable<Json>
          updated_at?: string
          website?: string | null
          wechat?: string | null
          whatsapp?: string | null
        }
        Update: {
          address?: NonNullable<Json>
          contact_name?: string | null
          contact_title?: NonNullable<Json>
          email?: string | null
          introduction?: NonNullable<Json>
          logo_path?: string | null
          logo_updated_at?: string
          phone?: string | null
          store_id?: string
          title?: NonNullable<Json>
          updated_at?: string
          website?: string | null
          wechat?: string | null
          whatsapp?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "merchant_cards_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: true
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      order_changes: {
        Row: {
          amount_after: number
          amount_base_after: number
          amount_base_before: number
          amount_before: number
          changed_at: string
          currency_after: string
          currency_before: string
          id: number
          kind: string
          member_id: string
          order_id: string
          store_id: string
        }
        Insert: {
          amount_after: number
          amount_base_after: number
          amount_base_before: number
          amount_before: number
          changed_at?: string
          currency_after: string
          currency_before: string
          id?: never
          kind: string
          member_id: string
          order_id: string
          store_id: string
        }
        Update: {
          amount_after?: number
          amount_base_after?: number
          amount_base_before?: number
          amount_before?: number
          changed_at?: string
          currency_after?: string
          currency_before?: string
          id?: never
          kind?: string
          member_id?: string
          order_id?: string
          store_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "order_changes_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "order_changes_order_id_fkey"
            columns: ["order_id"]
            isOneToOne: false
            referencedRelation: "orders"
            referencedColumns: ["id"]
          },
        ]
      }
      order_reviews: {
        Row: {
          body: string
          contact_id: string | null
          created_at: string
          id: string
          member_id: string
          order_id: string
          rating: number
          store_id: string
        }
        Insert: {
          body: string
          contact_id?: string | null
          created_at?: string
          id?: string
          member_id: string
          order_id: string
          rating: number
          store_id: string
        }
        Update: {
          body?: string
          contact_id?: string | null
          created_at?: string
          id?: string
          member_id?: string
          order_id?: string
          rating?: number
          store_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "order_reviews_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "order_reviews_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "order_reviews_order_id_fkey"
            columns: ["order_id"]
            isOneToOne: true
            referencedRelation: "orders"
            referencedColumns: ["id"]
          },
        ]
      }
      orders: {
        Row: {
          amount: number
          amount_base: number | null
          contact_id: string | null
          currency: string
          delivered_at: string | null
          exchange_rate: number
          external_ref: string
          id: string
          imported_at: string
          member_id: string
          paid_at: string | null
          placed_at: string
          status: string
          store_id: string
          tier_id: string | null
          updated_at: string
          counts_until: string | null
        }
        Insert: {
          amount: number
          amount_base?: never
          contact_id?: string | null
          currency: string
          delivered_at?: string | null
          exchange_rate?: number
          external_ref: string
          id?: string
          imported_at?: string
          member_id: string
          paid_at?: string | null
          placed_at: string
          status: string
          store_id: string
          tier_id?: string | null
          updated_at?: string
        }
        Update: {
          amount?: number
          amount_base?: never
          contact_id?: string | null
          currency?: string
          delivered_at?: string | null
          exchange_rate?: number
          external_ref?: string
          id?: string
          imported_at?: string
          member_id?: string
          paid_at?: string | null
          placed_at?: string
          status?: string
          store_id?: string
          tier_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "orders_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "orders_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "orders_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      points_ledger: {
        Row: {
          created_at: string
          created_by: string | null
          credit_id: number | null
          delta: number
          earned_at: string
          expires_at: string | null
          id: number
          member_id: string
          note: string | null
          order_id: string | null
          reason: string
          remaining: number | null
          request_id: string | null
          reward_id: string | null
          shortfall: number | null
          store_id: string
          tier_id: string | null
          tier_before: string | null
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          credit_id?: number | null
          delta: number
          earned_at?: string
          expires_at?: string | null
          id?: never
          member_id: string
          note?: string | null
          order_id?: string | null
          reason: string
          remaining?: number | null
          request_id?: string | null
          reward_id?: string | null
          shortfall?: number | null
          store_id: string
          tier_id?: string | null
        }
        Update: {
          created_at?: string
          created_by?: string | null
          credit_id?: number | null
          delta?: number
          earned_at?: string
          expires_at?: string | null
          id?: never
          member_id?: string
          note?: string | null
          order_id?: string | null
          reason?: string
          remaining?: number | null
          request_id?: string | null
          reward_id?: string | null
          shortfall?: number | null
          store_id?: string
          tier_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "points_ledger_credit_id_fkey"
            columns: ["credit_id"]
            isOneToOne: false
            referencedRelation: "points_ledger"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "points_ledger_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "points_ledger_order_id_fkey"
            columns: ["order_id"]
            isOneToOne: false
            referencedRelation: "orders"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "points_ledger_reward_id_fkey"
            columns: ["reward_id"]
            isOneToOne: false
            referencedRelation: "rewards"
            referencedColumns: ["id"]
          },
        ]
      }
      posts: {
        Row: {
          attachments: NonNullable<Json>
          body: string
          created_at: string
          created_by: string | null
          id: string
          kind: string
          locale: string
          min_tier_rank: number
          publish_at: string | null
          store_id: string
          title: string
          updated_at: string
          visibility: string
        }
        Insert: {
          attachments?: NonNullable<Json>
          body?: string
          created_at?: string
          created_by?: string | null
          id?: string
          kind: string
          locale: string
          min_tier_rank?: number
          publish_at?: string | null
          store_id: string
          title: string
          updated_at?: string
          visibility?: string
        }
        Update: {
          attachments?: NonNullable<Json>
          body?: string
          created_at?: string
          created_by?: string | null
          id?: string
          kind?: string
          locale?: string
          min_tier_rank?: number
          publish_at?: string | null
          store_id?: string
          title?: string
          updated_at?: string
          visibility?: string
        }
        Relationships: [
          {
            foreignKeyName: "posts_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      product_tier_prices: {
        Row: {
          price: number
          product_id: string
          store_id: string
          tier_id: string
        }
        Insert: {
          price: number
          product_id: string
          store_id: string
          tier_id: string
        }
        Update: {
          price?: number
          product_id?: string
          store_id?: string
          tier_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "product_tier_prices_product_id_fkey"
            columns: ["product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "product_tier_prices_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "product_tier_prices_tier_id_fkey"
            columns: ["tier_id"]
            isOneToOne: false
            referencedRelation: "tiers"
            referencedColumns: ["id"]
          },
        ]
      }
      products: {
        Row: {
          active: boolean
          created_at: string
          currency: string
          description: NonNullable<Json>
          id: string
          image_path: string | null
          kind: string
          min_tier_rank: number
          moq: number
          name: NonNullable<Json>
          price: number
          search_text: string
          sku: string
          store_id: string
          visibility: string
          description_local: string | null
          name_local: string | null
          text_langs: Json | null
        }
        Insert: {
          active?: boolean
          created_at?: string
          currency: string
          description?: NonNullable<Json>
          id?: string
          image_path?: string | null
          kind?: string
          min_tier_rank?: number
          moq?: number
          name: NonNullable<Json>
          price: number
          search_text?: never
          sku: string
          store_id: string
          visibility?: string
        }
        Update: {
          active?: boolean
          created_at?: string
          currency?: string
          description?: NonNullable<Json>
          id?: string
          image_path?: string | null
          kind?: string
          min_tier_rank?: number
          moq?: number
          name?: NonNullable<Json>
          price?: number
          search_text?: never
          sku?: string
          store_id?: string
          visibility?: string
        }
        Relationships: [
          {
            foreignKeyName: "products_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      rebate_ledger: {
        Row: {
          applied_to_order_ref: string | null
          corrects_id: number | null
          created_at: string
          created_by: string | null
          currency: string
          delta: number
          earned_at: string
          id: number
          member_id: string
          note: string | null
          order_id: string | null
          reason: string
          request_id: string | null
          shortfall: number | null
          store_id: string
          tier_id: string | null
          tier_before: string | null
        }
        Insert: {
          applied_to_order_ref?: string | null
          corrects_id?: number | null
          created_at?: string
          created_by?: string | null
          currency: string
          delta: number
          earned_at?: string
          id?: never
          member_id: string
          note?: string | null
          order_id?: string | null
          reason: string
          request_id?: string | null
          shortfall?: number | null
          store_id: string
          tier_id?: string | null
        }
        Update: {
          applied_to_order_ref?: string | null
          corrects_id?: number | null
          created_at?: string
          created_by?: string | null
          currency?: string
          delta?: number
          earned_at?: string
          id?: never
          member_id?: string
          note?: string | null
          order_id?: string | null
          reason?: string
          request_id?: string | null
          shortfall?: number | null
          store_id?: string
          tier_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "rebate_ledger_corrects_id_fkey"
            columns: ["corrects_id"]
            isOneToOne: false
            referencedRelation: "rebate_ledger"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "rebate_ledger_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "rebate_ledger_order_id_fkey"
            columns: ["order_id"]
            isOneToOne: false
            referencedRelation: "orders"
            referencedColumns: ["id"]
          },
        ]
      }
      reward_deliveries: {
        Row: {
          carrier: string | null
          delivery: string
          member_id: string
          points_entry_id: number
          requested_at: string
          reward_id: string
          sent_at: string | null
          sent_by: string | null
          sent_note: string | null
          ship_to: Json | null
          store_id: string
          tracking_number: string | null
        }
        Insert: {
          carrier?: string | null
          delivery?: string
          member_id: string
          points_entry_id: number
          requested_at: string
          reward_id: string
          sent_at?: string | null
          sent_by?: string | null
          sent_note?: string | null
          ship_to?: Json | null
          store_id: string
          tracking_number?: string | null
        }
        Update: {
          carrier?: string | null
          delivery?: string
          member_id?: string
          points_entry_id?: number
          requested_at?: string
          reward_id?: string
          sent_at?: string | null
          sent_by?: string | null
          sent_note?: string | null
          ship_to?: Json | null
          store_id?: string
          tracking_number?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "reward_deliveries_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "reward_deliveries_points_entry_id_fkey"
            columns: ["points_entry_id"]
            isOneToOne: true
            referencedRelation: "points_ledger"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reward_deliveries_reward_id_fkey"
            columns: ["reward_id"]
            isOneToOne: false
            referencedRelation: "rewards"
            referencedColumns: ["id"]
          },
        ]
      }
      rewards: {
        Row: {
          active: boolean
          coupon_id: string | null
          created_at: string
          delivery: string
          description: NonNullable<Json>
          id: string
          name: NonNullable<Json>
          points_cost: number
          store_id: string
          updated_at: string
          description_local: string | null
          name_local: string | null
          text_langs: Json | null
        }
        Insert: {
          active?: boolean
          coupon_id?: string | null
          created_at?: string
          delivery?: string
          description?: NonNullable<Json>
          id?: string
          name: NonNullable<Json>
          points_cost: number
          store_id: string
          updated_at?: string
        }
        Update: {
          active?: boolean
          coupon_id?: string | null
          created_at?: string
          delivery?: string
          description?: NonNullable<Json>
          id?: string
          name?: NonNullable<Json>
          points_cost?: number
          store_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "rewards_coupon_id_store_id_fkey"
            columns: ["coupon_id", "store_id"]
            isOneToOne: false
            referencedRelation: "coupons"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "rewards_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      sample_claims: {
        Row: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        Insert: {
          carrier?: string | null
          claimed_by?: string | null
          contact_id?: string | null
          created_at?: string
          decided_at?: string | null
          id?: string
          member_id: string
          product_id: string
          quantity?: number
          rejection_reason?: string | null
          request_id?: string | null
          ship_to: NonNullable<Json>
          shipped_at?: string | null
          status?: string
          store_id: string
          tracking_number?: string | null
        }
        Update: {
          carrier?: string | null
          claimed_by?: string | null
          contact_id?: string | null
          created_at?: string
          decided_at?: string | null
          id?: string
          member_id?: string
          product_id?: string
          quantity?: number
          rejection_reason?: string | null
          request_id?: string | null
          ship_to?: NonNullable<Json>
          shipped_at?: string | null
          status?: string
          store_id?: string
          tracking_number?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "sample_claims_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "member_contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sample_claims_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
          {
            foreignKeyName: "sample_claims_product_id_fkey"
            columns: ["product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["id"]
          },
        ]
      }
      segments: {
        Row: {
          created_at: string
          created_by: string | null
          filters: NonNullable<Json>
          id: string
          name: string
          store_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          filters?: NonNullable<Json>
          id?: string
          name: string
          store_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          filters?: NonNullable<Json>
          id?: string
          name?: string
          store_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "segments_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      staff_invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          role: string
          store_id: string
          token: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          role?: string
          store_id: string
          token?: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          role?: string
          store_id?: string
          token?: string
        }
        Relationships: [
          {
            foreignKeyName: "staff_invitations_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      store_staff: {
        Row: {
          created_at: string
          role: string
          store_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          role?: string
          store_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          role?: string
          store_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "store_staff_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
      stores: {
        Row: {
          base_currency: string
          brand_color: string | null
          churn_threshold_days: number
          created_at: string
          default_locale: string
          embed_origins: string[]
          id: string
          join_points: number
          joining_paused_at: string | null
          name: NonNullable<Json>
          points_expiry_days: number
          points_per_currency_unit: number
          review_points: number
          sample_period_days: number
          slug: string
          statistical_period_days: number
          updated_at: string
          name_local: string | null
          text_langs: Json | null
        }
        Insert: {
          base_currency?: string
          brand_color?: string | null
          churn_threshold_days?: number
          created_at?: string
          default_locale?: string
          embed_origins?: string[]
          id?: string
          join_points?: number
          joining_paused_at?: string | null
          name: NonNullable<Json>
          points_expiry_days?: number
          points_per_currency_unit?: number
          review_points?: number
          sample_period_days?: number
          slug: string
          statistical_period_days?: number
          updated_at?: string
        }
        Update: {
          base_currency?: string
          brand_color?: string | null
          churn_threshold_days?: number
          created_at?: string
          default_locale?: string
          embed_origins?: string[]
          id?: string
          join_points?: number
          joining_paused_at?: string | null
          name?: NonNullable<Json>
          points_expiry_days?: number
          points_per_currency_unit?: number
          review_points?: number
          sample_period_days?: number
          slug?: string
          statistical_period_days?: number
          updated_at?: string
        }
        Relationships: []
      }
      tier_changes: {
        Row: {
          changed_at: string
          from_tier_id: string | null
          from_tier_name: Json | null
          id: string
          member_id: string
          note: string | null
          paid_order_refs: string[] | null
          reason: string
          seq: number
          store_id: string
          to_tier_id: string | null
          to_tier_name: Json | null
          changed_order_ref: string | null
          from_tier_name_local: string | null
          moved_order_refs: string[] | null
          orders_changed: number | null
          text_langs: Json | null
          to_tier_name_local: string | null
        }
        Insert: {
          changed_at?: string
          from_tier_id?: string | null
          from_tier_name?: Json | null
          id?: string
          member_id: string
          note?: string | null
          paid_order_refs?: string[] | null
          reason: string
          seq?: never
          store_id: string
          to_tier_id?: string | null
          to_tier_name?: Json | null
        }
        Update: {
          changed_at?: string
          from_tier_id?: string | null
          from_tier_name?: Json | null
          id?: string
          member_id?: string
          note?: string | null
          paid_order_refs?: string[] | null
          reason?: string
          seq?: never
          store_id?: string
          to_tier_id?: string | null
          to_tier_name?: Json | null
        }
        Relationships: [
          {
            foreignKeyName: "tier_changes_member_id_store_id_fkey"
            columns: ["member_id", "store_id"]
            isOneToOne: false
            referencedRelation: "members"
            referencedColumns: ["id", "store_id"]
          },
        ]
      }
      tiers: {
        Row: {
          created_at: string
          discount_percent: number
          free_freight: boolean
          id: string
          logistics_upgrade: boolean
          min_paid_amount: number
          min_paid_orders: number
          moq_override: number | null
          name: NonNullable<Json>
          perks: NonNullable<Json>
          points_multiplier: number
          prepay_customized_percent: number
          prepay_regular_percent: number
          priority_delivery: boolean
          rank: number
          rebate_percent: number
          sample_quota: number | null
          store_id: string
          updated_at: string
          name_local: string | null
          perks_local: Json | null
          text_langs: Json | null
        }
        Insert: {
          created_at?: string
          discount_percent?: number
          free_freight?: boolean
          id?: string
          logistics_upgrade?: boolean
          min_paid_amount?: number
          min_paid_orders?: number
          moq_override?: number | null
          name: NonNullable<Json>
          perks?: NonNullable<Json>
          points_multiplier?: number
          prepay_customized_percent?: number
          prepay_regular_percent?: number
          priority_delivery?: boolean
          rank: number
          rebate_percent?: number
          sample_quota?: number | null
          store_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          discount_percent?: number
          free_freight?: boolean
          id?: string
          logistics_upgrade?: boolean
          min_paid_amount?: number
          min_paid_orders?: number
          moq_override?: number | null
          name?: NonNullable<Json>
          perks?: NonNullable<Json>
          points_multiplier?: number
          prepay_customized_percent?: number
          prepay_regular_percent?: number
          priority_delivery?: boolean
          rank?: number
          rebate_percent?: number
          sample_quota?: number | null
          store_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tiers_store_id_fkey"
            columns: ["store_id"]
            isOneToOne: false
            referencedRelation: "stores"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_invitation: {
        Args: {
          p_full_name: string
          p_job_title?: string
          p_phone?: string
          p_preferred_locale?: string
          p_token: string
          p_wechat?: string
          p_whatsapp?: string
        }
        Returns: Json
      }
      accept_staff_invitation: { Args: { p_token: string }; Returns: Json }
      address_local: {
        Args: { "": Database["public"]["Tables"]["merchant_cards"]["Row"] }
        Returns: {
          error: true
        } & "the function public.address_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      adjust_points: {
        Args: {
          p_delta: number
          p_member_id: string
          p_note: string
          p_request_id?: string
        }
        Returns: number
      }
      analytics_conversions: {
        Args: { p_from: string; p_store_id: string; p_to: string }
        Returns: {
          base: number
          converted: number
          metric: string
          rate: number
        }[]
      }
      analytics_coupons: {
        Args: { p_from: string; p_store_id: string; p_to: string }
        Returns: {
          code: string
          coupon_id: string
          issued: number
          rate: number
          used: number
        }[]
      }
      analytics_liabilities: {
        Args: { p_store_id: string }
        Returns: {
          amount: number
          currency: string
          expires_in: string
          kind: string
        }[]
      }
      analytics_members_over_time: {
        Args: {
          p_from: string
          p_period?: string
          p_store_id: string
          p_to: string
        }
        Returns: {
          dimension: string
          key: string
          label: string
          members: number
          period_end: string
          rank: number
        }[]
      }
      analytics_order_value: {
        Args: { p_from: string; p_store_id: string; p_to: string }
        Returns: {
          average: number
          currency: string
          orders: number
          revenue: number
          tier_id: string
          tier_name: string
          tier_rank: number
        }[]
      }
      answer_inquiry: {
        Args: { p_answer: string; p_answer_read?: string; p_inquiry_id: string }
        Returns: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          closed_at: string | null
          contact_id: string | null
          created_at: string
          currency: string | null
          first_answered_at: string | null
          id: string
          member_id: string
          message: string
          product_id: string | null
          quantity: number | null
          status: string
          store_id: string
          target_price: number | null
        }
        SetofOptions: {
          from: "*"
          to: "inquiries"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      apply_rebate: {
        Args: {
          p_amount: number
          p_member_id: string
          p_note?: string
          p_order_ref: string
          p_request_id?: string
        }
        Returns: number
      }
      approve_sample: {
        Args: { p_claim_id: string }
        Returns: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "sample_claims"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      campaign_export: {
        Args: { p_campaign_id: string; p_store_id: string }
        Returns: Json
      }
      campaign_results: {
        Args: { p_from?: string; p_store_id: string; p_to?: string }
        Returns: {
          campaign_id: string
          channel: string
          currency: string
          ordering_recipients: number
          orders: number
          recipients: number
          revenue: number
          segment_id: string
          segment_name: string
          sent_at: string
          sent_count: number
          subject: string
        }[]
      }
      cancel_sample: {
        Args: { p_claim_id: string }
        Returns: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "sample_claims"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      changed_order_ref: {
        Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
        Returns: {
          error: true
        } & "the function public.changed_order_ref with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      claim_coupon: {
        Args: { p_coupon_id: string; p_request_id?: string }
        Returns: {
          claimed_at: string
          claimed_by: string | null
          coupon_id: string
          id: string
          member_id: string
          request_id: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at: string | null
          taken_back_by: string | null
          used_at: string | null
          used_by: string | null
          used_order_ref: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_coupons"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      claim_sample: {
        Args: {
          p_product_id: string
          p_quantity?: number
          p_request_id?: string
          p_ship_to: Json
        }
        Returns: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "sample_claims"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      close_inquiry: {
        Args: { p_inquiry_id: string }
        Returns: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          closed_at: string | null
          contact_id: string | null
          created_at: string
          currency: string | null
          first_answered_at: string | null
          id: string
          member_id: string
          message: string
          product_id: string | null
          quantity: number | null
          status: string
          store_id: string
          target_price: number | null
        }
        SetofOptions: {
          from: "*"
          to: "inquiries"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      contact_title_local: {
        Args: { "": Database["public"]["Tables"]["merchant_cards"]["Row"] }
        Returns: {
          error: true
        } & "the function public.contact_title_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      correct_rebate_credit: {
        Args: {
          p_amount: number
          p_credit_id: number
          p_note: string
          p_request_id?: string
        }
        Returns: number
      }
      counts_until: {
        Args: { "": Database["public"]["Tables"]["orders"]["Row"] }
        Returns: {
          error: true
        } & "the function public.counts_until with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      coupon_usage: {
        Args: { p_store_id: string }
        Returns: {
          claimed: number
          coupon_id: string
          gift_pack: number
          reward: number
          used: number
        }[]
      }
      create_store: {
        Args: {
          p_base_currency?: string
          p_default_locale?: string
          p_name: string
          p_slug: string
        }
        Returns: {
          base_currency: string
          brand_color: string | null
          churn_threshold_days: number
          created_at: string
          default_locale: string
          embed_origins: string[]
          id: string
          join_points: number
          joining_paused_at: string | null
          name: NonNullable<Json>
          points_expiry_days: number
          points_per_currency_unit: number
          review_points: number
          sample_period_days: number
          slug: string
          statistical_period_days: number
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "stores"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      credit_rebate: {
        Args: {
          p_amount: number
          p_member_id: string
          p_note: string
          p_request_id?: string
        }
        Returns: number
      }
      delete_store: {
        Args: { p_confirm_name: string; p_store_id: string }
        Returns: {
          base_currency: string
          brand_color: string | null
          churn_threshold_days: number
          created_at: string
          default_locale: string
          embed_origins: string[]
          id: string
          join_points: number
          joining_paused_at: string | null
          name: NonNullable<Json>
          points_expiry_days: number
          points_per_currency_unit: number
          review_points: number
          sample_period_days: number
          slug: string
          statistical_period_days: number
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "stores"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      deleted_store_files: {
        Args: Record<PropertyKey, never>
        Returns: {
          bucket_id: string
          name: string
          store_id: string
          store_lang: string
          store_name: string
        }[]
      }
      description_local:
        | {
            Args: { "": Database["public"]["Tables"]["coupons"]["Row"] }
            Returns: {
              error: true
            } & "the function public.description_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["products"]["Row"] }
            Returns: {
              error: true
            } & "the function public.description_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["rewards"]["Row"] }
            Returns: {
              error: true
            } & "the function public.description_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
      erase_member: {
        Args: { p_confirm?: boolean; p_member_id: string }
        Returns: {
          company_name: string
          country: string | null
          erased_by: string | null
          id: string
          industry: string | null
          industry_key: string | null
          joined_at: string
          last_evaluated_at: string | null
          last_paid_order_at: string | null
          left_at: string | null
          paid_once: unknown
          paid_order_gap_median: string | null
          paid_twice: unknown
          period_oldest_paid_at: string | null
          period_paid_amount: number | null
          period_paid_orders: number | null
          points_balance: number
          previous_paid_order_at: string | null
          product_categories: string[]
          purchase_volume: string | null
          rebate_balance: number
          store_id: string
          tier_id: string | null
          tier_override_expires_at: string | null
          tier_override_id: string | null
          tier_override_reason: string | null
          tier_valid_until: string | null
          updated_at: string
          website: string | null
        }
        SetofOptions: {
          from: "*"
          to: "members"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      evaluate_tiers: { Args: { p_store_id?: string }; Returns: number }
      exchange_cards: {
        Args: {
          p_company_name: string
          p_contact_consent?: boolean
          p_country?: string
          p_email?: string
          p_full_name: string
          p_industry?: string
          p_job_title?: string
          p_phone?: string
          p_preferred_locale?: string
          p_product_categories?: string[]
          p_purchase_volume?: string
          p_store_slug: string
          p_website?: string
          p_wechat?: string
          p_whatsapp?: string
        }
        Returns: Json
      }
      expire_points: { Args: { p_store_id?: string }; Returns: number }
      from_tier_name_local: {
        Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
        Returns: {
          error: true
        } & "the function public.from_tier_name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      give_coupon: {
        Args: {
          p_coupon_id: string
          p_member_id: string
          p_request_id?: string
        }
        Returns: {
          claimed_at: string
          claimed_by: string | null
          coupon_id: string
          id: string
          member_id: string
          request_id: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at: string | null
          taken_back_by: string | null
          used_at: string | null
          used_by: string | null
          used_order_ref: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_coupons"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      import_orders: {
        Args: { p_new_only?: boolean; p_rows: Json; p_store_id: string }
        Returns: Json
      }
      introduction_local: {
        Args: { "": Database["public"]["Tables"]["merchant_cards"]["Row"] }
        Returns: {
          error: true
        } & "the function public.introduction_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      invitation_preview: { Args: { p_token: string }; Returns: Json }
      invite_colleague: {
        Args: { p_email: string; p_member_id: string }
        Returns: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          member_id: string
          store_id: string
          token: string
        }
        SetofOptions: {
          from: "*"
          to: "member_invitations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      invite_staff: {
        Args: { p_email: string; p_role?: string; p_store_id: string }
        Returns: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          role: string
          store_id: string
          token: string
        }
        SetofOptions: {
          from: "*"
          to: "staff_invitations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      join_store: {
        Args: {
          p_company_name: string
          p_country?: string
          p_email?: string
          p_full_name: string
          p_industry?: string
          p_job_title?: string
          p_phone?: string
          p_preferred_locale?: string
          p_store_slug: string
          p_website?: string
          p_wechat?: string
          p_whatsapp?: string
        }
        Returns: Json
      }
      leave_store: {
        Args: { p_confirm?: boolean; p_store_slug: string }
        Returns: Json
      }
      make_primary_contact: {
        Args: { p_contact_id: string; p_member_id: string }
        Returns: {
          contact_consent_at: string | null
          created_at: string
          email: string | null
          full_name: string
          id: string
          job_title: string | null
          member_id: string
          phone: string | null
          preferred_locale: string | null
          role: string
          store_id: string
          updates_seen_at: string
          user_id: string
          wechat: string | null
          whatsapp: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_contacts"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_reward_sent: {
        Args: {
          p_carrier?: string
          p_note?: string
          p_points_entry_id: number
          p_tracking_number?: string
        }
        Returns: {
          carrier: string | null
          delivery: string
          member_id: string
          points_entry_id: number
          requested_at: string
          reward_id: string
          sent_at: string | null
          sent_by: string | null
          sent_note: string | null
          ship_to: Json | null
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "reward_deliveries"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_updates_seen: {
        Args: { p_store_slug: string; p_through?: string }
        Returns: string
      }
      membership_standing: {
        Args: { p_limit?: number; p_store_slug: string }
        Returns: Json
      }
      moved_order_refs: {
        Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
        Returns: {
          error: true
        } & "the function public.moved_order_refs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      my_data: { Args: { p_store_slug: string }; Returns: Json }
      my_former_membership: { Args: { p_store_slug: string }; Returns: Json }
      my_invitations: {
        Args: { p_store_slug: string }
        Returns: {
          company_name: string
          email: string
          expires_at: string
          invited_by_name: string
          store_name: string
          store_name_lang: string
          token: string
        }[]
      }
      my_membership: {
        Args: { p_locale?: string; p_store_slug: string }
        Returns: Json
      }
      my_new_posts_count: {
        Args: { p_since: string; p_store_slug: string }
        Returns: number
      }
      my_updates: {
        Args: {
          p_before?: string
          p_limit?: number
          p_locale?: string
          p_store_slug: string
        }
        Returns: Json
      }
      name_local:
        | {
            Args: { "": Database["public"]["Tables"]["products"]["Row"] }
            Returns: {
              error: true
            } & "the function public.name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["rewards"]["Row"] }
            Returns: {
              error: true
            } & "the function public.name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["stores"]["Row"] }
            Returns: {
              error: true
            } & "the function public.name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["tiers"]["Row"] }
            Returns: {
              error: true
            } & "the function public.name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
      order_ref_refusals: {
        Args: {
          p_emails: string[]
          p_member_ids: string[]
          p_placed_ats: string[]
          p_refs: string[]
          p_store_id: string
        }
        Returns: Json
      }
      orders_changed: {
        Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
        Returns: {
          error: true
        } & "the function public.orders_changed with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      period_what_if: {
        Args: {
          p_days: number
          p_limit?: number
          p_offset?: number
          p_store_id: string
        }
        Returns: Json
      }
      perks_local: {
        Args: { "": Database["public"]["Tables"]["tiers"]["Row"] }
        Returns: {
          error: true
        } & "the function public.perks_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      post_feed: {
        Args: {
          p_limit?: number
          p_offset?: number
          p_post_id?: string
          p_store_slug: string
        }
        Returns: {
          attachments: Json
          body: string
          id: string
          kind: string
          locale: string
          locked: boolean
          min_tier_rank: number
          publish_at: string
          tier_name: string
          tier_top: boolean
          title: string
          total: number
          visibility: string
        }[]
      }
      record_campaign: {
        Args: {
          p_channel: string
          p_request_id?: string
          p_segment_id: string
          p_sent_at?: string
          p_sent_count?: number
          p_store_id: string
          p_subject: string
        }
        Returns: {
          channel: string
          created_at: string
          created_by: string | null
          filters: NonNullable<Json>
          id: string
          request_id: string | null
          segment_id: string | null
          segment_name: string
          sent_at: string
          sent_count: number
          store_id: string
          subject: string
        }
        SetofOptions: {
          from: "*"
          to: "campaigns"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_coupon_use: {
        Args: { p_member_coupon_id: string; p_order_ref: string }
        Returns: {
          claimed_at: string
          claimed_by: string | null
          coupon_id: string
          id: string
          member_id: string
          request_id: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at: string | null
          taken_back_by: string | null
          used_at: string | null
          used_by: string | null
          used_order_ref: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_coupons"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      redeem_reward: {
        Args: { p_request_id?: string; p_reward_id: string; p_ship_to?: Json }
        Returns: Json
      }
      reject_sample: {
        Args: { p_claim_id: string; p_reason: string }
        Returns: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "sample_claims"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_member_contact: {
        Args: { p_confirm?: boolean; p_contact_id: string; p_member_id: string }
        Returns: {
          contact_consent_at: string | null
          created_at: string
          email: string | null
          full_name: string
          id: string
          job_title: string | null
          member_id: string
          phone: string | null
          preferred_locale: string | null
          role: string
          store_id: string
          updates_seen_at: string
          user_id: string
          wechat: string | null
          whatsapp: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_contacts"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_staff: {
        Args: { p_store_id: string; p_user_id: string }
        Returns: {
          created_at: string
          role: string
          store_id: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "store_staff"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      review_order: {
        Args: { p_body: string; p_order_id: string; p_rating: number }
        Returns: Json
      }
      reward_usage: {
        Args: { p_store_id: string }
        Returns: {
          points_spent: number
          redeemed: number
          reward_id: string
        }[]
      }
      sample_quota_use: {
        Args: { p_member_ids: string[]; p_store_id: string }
        Returns: {
          member_id: string
          quota: number
          tier_name: string
          used: number
        }[]
      }
      save_product: {
        Args: {
          p_new?: boolean
          p_product: Json
          p_product_id: string
          p_product_read?: Json
          p_store_id: string
          p_tier_prices?: Json
          p_tier_prices_read?: Json
        }
        Returns: {
          active: boolean
          created_at: string
          currency: string
          description: NonNullable<Json>
          id: string
          image_path: string | null
          kind: string
          min_tier_rank: number
          moq: number
          name: NonNullable<Json>
          price: number
          search_text: string
          sku: string
          store_id: string
          visibility: string
        }
        SetofOptions: {
          from: "*"
          to: "products"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      save_store_settings: {
        Args: { p_settings: Json; p_settings_read: string; p_store_id: string }
        Returns: {
          base_currency: string
          brand_color: string | null
          churn_threshold_days: number
          created_at: string
          default_locale: string
          embed_origins: string[]
          id: string
          join_points: number
          joining_paused_at: string | null
          name: NonNullable<Json>
          points_expiry_days: number
          points_per_currency_unit: number
          review_points: number
          sample_period_days: number
          slug: string
          statistical_period_days: number
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "stores"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      segment_export: {
        Args: { p_filters?: Json; p_store_id: string }
        Returns: Json
      }
      segment_industries: {
        Args: { p_store_id: string }
        Returns: {
          industry: string
          members: number
        }[]
      }
      segment_members: {
        Args: {
          p_filters?: Json
          p_limit?: number
          p_offset?: number
          p_store_id: string
        }
        Returns: {
          churn_risk: boolean
          company_name: string
          consenting_contacts: number
          country: string
          industry: string
          joined_at: string
          last_order_at: string
          member_id: string
          points_balance: number
          stage: string
          tier_id: string
          tier_name: string
          tier_rank: number
          total: number
        }[]
      }
      segment_size: {
        Args: { p_filters?: Json; p_store_id: string }
        Returns: {
          consenting_contacts: number
          contacts: number
          members: number
        }[]
      }
      send_inquiry: {
        Args: {
          p_currency?: string
          p_message: string
          p_product_id?: string
          p_quantity?: number
          p_store_slug: string
          p_target_price?: number
        }
        Returns: {
          answer: string | null
          answered_at: string | null
          answered_by: string | null
          closed_at: string | null
          contact_id: string | null
          created_at: string
          currency: string | null
          first_answered_at: string | null
          id: string
          member_id: string
          message: string
          product_id: string | null
          quantity: number | null
          status: string
          store_id: string
          target_price: number | null
        }
        SetofOptions: {
          from: "*"
          to: "inquiries"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_joining_paused: {
        Args: { p_paused: boolean; p_store_id: string }
        Returns: string
      }
      set_staff_role: {
        Args: { p_role: string; p_store_id: string; p_user_id: string }
        Returns: {
          created_at: string
          role: string
          store_id: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "store_staff"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_tier_override: {
        Args: {
          p_expires_at?: string
          p_member_id: string
          p_reason?: string
          p_tier_id: string
        }
        Returns: {
          company_name: string
          country: string | null
          erased_by: string | null
          id: string
          industry: string | null
          industry_key: string | null
          joined_at: string
          last_evaluated_at: string | null
          last_paid_order_at: string | null
          left_at: string | null
          paid_once: unknown
          paid_order_gap_median: string | null
          paid_twice: unknown
          period_oldest_paid_at: string | null
          period_paid_amount: number | null
          period_paid_orders: number | null
          points_balance: number
          previous_paid_order_at: string | null
          product_categories: string[]
          purchase_volume: string | null
          rebate_balance: number
          store_id: string
          tier_id: string | null
          tier_override_expires_at: string | null
          tier_override_id: string | null
          tier_override_reason: string | null
          tier_valid_until: string | null
          updated_at: string
          website: string | null
        }
        SetofOptions: {
          from: "*"
          to: "members"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      ship_sample: {
        Args: {
          p_carrier?: string
          p_claim_id: string
          p_tracking_number: string
        }
        Returns: {
          carrier: string | null
          claimed_by: string | null
          contact_id: string | null
          created_at: string
          decided_at: string | null
          id: string
          member_id: string
          product_id: string
          quantity: number
          rejection_reason: string | null
          request_id: string | null
          ship_to: NonNullable<Json>
          shipped_at: string | null
          status: string
          store_id: string
          tracking_number: string | null
        }
        SetofOptions: {
          from: "*"
          to: "sample_claims"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      staff_directory: {
        Args: { p_store_id: string }
        Returns: {
          created_at: string
          email: string
          is_me: boolean
          role: string
          user_id: string
        }[]
      }
      staff_invitation_preview: { Args: { p_token: string }; Returns: Json }
      staff_member_search: {
        Args: {
          p_churn_risk?: boolean
          p_country?: string
          p_former?: boolean
          p_last_order_from?: string
          p_last_order_to?: string
          p_limit?: number
          p_offset?: number
          p_search: string
          p_stage?: string
          p_store_id: string
          p_tier_id?: string
        }
        Returns: {
          churn_risk: boolean
          company_name: string
          country: string
          joined_at: string
          last_order_at: string
          left_at: string
          matched_contact_email: string
          matched_contact_name: string
          member_id: string
          paid_amount_in_period: number
          paid_orders_in_period: number
          points_balance: number
          rebate_balance: number
          stage: string
          tier_id: string
          tier_name: string
          tier_rank: number
          total: number
        }[]
      }
      staff_member_standing: {
        Args: { p_limit?: number; p_member_id: string }
        Returns: Json
      }
      staff_members: {
        Args: {
          p_churn_risk?: boolean
          p_country?: string
          p_former?: boolean
          p_last_order_from?: string
          p_last_order_to?: string
          p_limit?: number
          p_offset?: number
          p_stage?: string
          p_store_id: string
          p_tier_id?: string
        }
        Returns: {
          churn_risk: boolean
          company_name: string
          country: string
          joined_at: string
          last_order_at: string
          left_at: string
          member_id: string
          paid_amount_in_period: number
          paid_orders_in_period: number
          points_balance: number
          rebate_balance: number
          stage: string
          tier_id: string
          tier_name: string
          tier_rank: number
          total: number
        }[]
      }
      store_catalogue: {
        Args: {
          p_ids?: string[]
          p_limit?: number
          p_locale?: string
          p_offset?: number
          p_search?: string
          p_skus?: string[]
          p_store_slug: string
          p_visibility?: string[]
        }
        Returns: {
          currency: string
          description: string
          description_lang: string
          discount_percent: number
          id: string
          image_path: string
          kind: string
          list_price: number
          member_price: number
          min_tier_rank: number
          moq: number
          name: string
          name_lang: string
          prepay_percent: number
          sample_eligible: boolean
          sku: string
          visibility: string
        }[]
      }
      store_order_changes: {
        Args: {
          p_from?: string
          p_kind?: string
          p_limit?: number
          p_offset?: number
          p_store_id: string
          p_to?: string
        }
        Returns: Json
      }
      store_profile: {
        Args: { p_locale?: string; p_store_slug: string }
        Returns: Json
      }
      take_back_coupon: {
        Args: { p_member_coupon_id: string }
        Returns: {
          claimed_at: string
          claimed_by: string | null
          coupon_id: string
          id: string
          member_id: string
          request_id: string | null
          slot: number
          source: string
          store_id: string
          taken_back_at: string | null
          taken_back_by: string | null
          used_at: string | null
          used_by: string | null
          used_order_ref: string | null
        }
        SetofOptions: {
          from: "*"
          to: "member_coupons"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      text_langs:
        | {
            Args: { "": Database["public"]["Tables"]["coupons"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["merchant_cards"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["products"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["rewards"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["stores"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["tiers"]["Row"] }
            Returns: {
              error: true
            } & "the function public.text_langs with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
      texts_lacking_locale: {
        Args: { p_locale: string; p_store_id: string }
        Returns: Json
      }
      tier_before:
        | {
            Args: { "": Database["public"]["Tables"]["points_ledger"]["Row"] }
            Returns: {
              error: true
            } & "the function public.tier_before with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
        | {
            Args: { "": Database["public"]["Tables"]["rebate_ledger"]["Row"] }
            Returns: {
              error: true
            } & "the function public.tier_before with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
          }
      tier_teasers: {
        Args: { p_locale?: string; p_store_slug: string }
        Returns: {
          exclusive_products: number
          rank: number
          tier_name: string
          tier_name_lang: string
        }[]
      }
      tier_what_if: {
        Args: {
          p_limit?: number
          p_offset?: number
          p_store_id: string
          p_tiers: Json
        }
        Returns: Json
      }
      title_local: {
        Args: { "": Database["public"]["Tables"]["merchant_cards"]["Row"] }
        Returns: {
          error: true
        } & "the function public.title_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      to_tier_name_local: {
        Args: { "": Database["public"]["Tables"]["tier_changes"]["Row"] }
        Returns: {
          error: true
        } & "the function public.to_tier_name_local with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      unknown_order_buyers: {
        Args: {
          p_emails?: string[]
          p_member_ids?: string[]
          p_store_id: string
        }
        Returns: Json
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  graphql_public: {
    Enums: {},
  },
  public: {
    Enums: {},
  },
} as const

